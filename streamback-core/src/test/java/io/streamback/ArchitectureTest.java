package io.streamback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md, checked on the compiled library. */
class ArchitectureTest {
    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.streamback");
    }

    @Test
    void onlyTheKafkaAndRedisPackagesTouchTheirClients() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.streamback", "io.streamback.ext",
                        "io.streamback.internal.spi", "io.streamback.internal.wire", "io.streamback.internal.memory",
                        "io.streamback.internal.schedule")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.lettuce..", "io.netty..");
        rule.check(library);
    }

    @Test
    void kafkaAndRedisDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.streamback.internal.kafka")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.streamback.internal.redis")
                .check(library);
        noClasses().that().resideInAPackage("io.streamback.internal.redis")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.streamback.internal.kafka")
                .check(library);
    }

    @Test
    void transportsAndTheWireFormatDoNotReachIntoTheRuntime() {
        noClasses().that().resideInAnyPackage("io.streamback.internal.spi", "io.streamback.internal.wire",
                        "io.streamback.internal.kafka", "io.streamback.internal.redis", "io.streamback.internal.memory")
                .should().dependOnClassesThat().resideInAPackage("io.streamback.internal")
                .check(library);
    }

    @Test
    void theTextHelpersDependOnNoOtherStreambackPackage() {
        noClasses().that().resideInAPackage("io.streamback.internal.text")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "another streamback package", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("io.streamback")
                                        && !c.getPackageName().equals("io.streamback.internal.text")))
                .check(library);
    }

    @Test
    void noPublicTypeOutsideInternalExtendsAnInternalType() {
        noClasses().that().resideOutsideOfPackage("io.streamback.internal..").and().arePublic()
                .should().beAssignableTo(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an internal type", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                isInternal(c) && !c.isInterface()))
                .check(library);
    }

    @Test
    void noPublicMethodOutsideInternalReturnsAnInternalType() {
        methods().that().areDeclaredInClassesThat().resideOutsideOfPackage("io.streamback.internal..")
                .and().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an internal type", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                isInternal(c)))
                .check(library);
    }

    @Test
    void theLibraryNeverPrintsToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(library);
    }

    @Test
    void theRuntimeDoesNotHoldTheFacadeAndTheApiDoesNotReachIntoTheRuntime() {
        // the facade is handed to users' code (Context.streamback(), the callbacks' first parameter), so API
        // types name it; apart from it, no cycle may pass through both the API and the runtime
        List<Set<String>> mixed = ClassCycles.between(library, "io.streamback", "io.streamback.internal",
                Set.of(Streamback.class.getName()));
        assertThat(mixed).as("cycles of classes through both the public API and the runtime").isEmpty();
        noClasses().that().resideInAPackage("io.streamback.internal..")
                .should().dependOnClassesThat().haveFullyQualifiedName(Streamback.class.getName())
                .check(library);
    }

    @Test
    void theRuntimeDoesNotTouchKafkaOrLettuce() {
        noClasses().that().resideInAPackage("io.streamback.internal")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.lettuce..", "io.netty..")
                .check(library);
    }

    @Test
    void publicTypesTakeAndExposeNoInternalType() {
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("an internal type",
                ArchitectureTest::isInternal);
        fields().that().areDeclaredInClassesThat().resideOutsideOfPackage("io.streamback.internal..")
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .should().notHaveRawType(internal).check(library);
        codeUnits().that().areDeclaredInClassesThat().resideOutsideOfPackage("io.streamback.internal..")
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .should(notTakeA(internal)).check(library);
    }

    @Test
    void noJacksonTypeInThePublicApi() {
        DescribedPredicate<JavaClass> jackson = DescribedPredicate.describe("a Jackson type",
                c -> c.getPackageName().startsWith("com.fasterxml.jackson"));
        String[] api = {"io.streamback", "io.streamback.ext"};
        // The one exemption is the application's own mapper as a setting (issue 8): the builder's
        // objectMapper(ObjectMapper) takes it, so a Spring or Micronaut application passes the mapper it already
        // configured instead of writing an adapter, and StreambackConfig, a record of the settings, holds it and
        // gives it back. It is the user's own mapper, never a global one; nothing else in the API names a Jackson type.
        Set<String> mapperSetting = Set.of(
                StreambackBuilder.class.getName() + ".objectMapper(com.fasterxml.jackson.databind.ObjectMapper)",
                StreambackConfig.class.getName() + ".objectMapper()");
        DescribedPredicate<JavaCodeUnit> theMapperSetting = DescribedPredicate.describe("the mapper setting",
                unit -> mapperSetting.contains(unit.getFullName())
                        || unit.getOwner().isEquivalentTo(StreambackConfig.class) && unit.isConstructor());
        codeUnits().that().areDeclaredInClassesThat().resideInAnyPackage(api)
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .and(DescribedPredicate.not(theMapperSetting))
                .should(notTakeA(jackson)).check(library);
        assertThat(library.get(StreambackBuilder.class).getCodeUnits()).as("the exempted setter exists")
                .anyMatch(theMapperSetting);
        methods().that().areDeclaredInClassesThat().resideInAnyPackage(api)
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .and(DescribedPredicate.not(theMapperSetting))
                .should().notHaveRawReturnType(jackson).check(library);
        fields().that().areDeclaredInClassesThat().resideInAnyPackage(api)
                .and().areDeclaredInClassesThat().arePublic().and().arePublic()
                .should().notHaveRawType(jackson).check(library);
    }

    @Test
    void usersSeeOnlyTheApiAndTheExtensions() {
        classes().that().arePublic().and().resideOutsideOfPackages("io.streamback", "io.streamback.ext",
                        "io.streamback.testkit..")
                .should().resideInAPackage("io.streamback.internal..")
                .check(library);
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith("io.streamback.internal");
    }

    private static ArchCondition<JavaCodeUnit> notTakeA(DescribedPredicate<JavaClass> type) {
        return new ArchCondition<>("not take " + type.getDescription()) {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaClass parameter : unit.getRawParameterTypes()) {
                    if (type.test(parameter)) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes "
                                + parameter.getName()));
                    }
                }
            }
        };
    }
}
