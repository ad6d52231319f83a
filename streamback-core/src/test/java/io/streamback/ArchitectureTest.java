package io.streamback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
        ArchRule rule = noClasses().that().resideInAnyPackage("io.streamback", "io.streamback.spi",
                        "io.streamback.wire", "io.streamback.memory", "io.streamback.schedule", "io.streamback.ext")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.lettuce..", "io.netty..");
        rule.check(library);
    }

    @Test
    void kafkaAndRedisDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.streamback.kafka")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.streamback.redis")
                .check(library);
        noClasses().that().resideInAPackage("io.streamback.redis")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.streamback.kafka")
                .check(library);
    }

    @Test
    void transportsAndTheWireFormatDoNotReachIntoTheRuntime() {
        noClasses().that().resideInAnyPackage("io.streamback.spi", "io.streamback.wire", "io.streamback.kafka",
                        "io.streamback.redis", "io.streamback.memory")
                .should().dependOnClassesThat().resideInAPackage("io.streamback.internal")
                .check(library);
    }

    @Test
    void theTextHelpersDependOnNoOtherStreambackPackage() {
        noClasses().that().resideInAPackage("io.streamback.text")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "another streamback package", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("io.streamback")
                                        && !c.getPackageName().equals("io.streamback.text")))
                .check(library);
    }

    @Test
    void noPublicTypeOutsideInternalExtendsAnInternalType() {
        noClasses().that().resideOutsideOfPackage("io.streamback.internal").and().arePublic()
                .should().beAssignableTo(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an internal type", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().equals("io.streamback.internal") && !c.isInterface()))
                .check(library);
    }

    @Test
    void noPublicMethodOutsideInternalReturnsAnInternalType() {
        methods().that().areDeclaredInClassesThat().resideOutsideOfPackage("io.streamback.internal")
                .and().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an internal type", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().equals("io.streamback.internal")))
                .check(library);
    }

    @Test
    void theLibraryNeverPrintsToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(library);
    }

}
