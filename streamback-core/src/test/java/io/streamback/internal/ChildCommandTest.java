package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.StreambackException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildCommandTest {
    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";

    @Test
    void classPathLaunchRunsTheSameMainClassWithTheSameOptionsAndArguments() {
        List<String> command = ChildCommand.of(JAVA, List.of("-Xmx256m", "-Dapp.env=prod"), "lib/a.jar:classes",
                "com.example.Main --port 8080", null);

        assertThat(command).containsExactly(JAVA, "-Xmx256m", "-Dapp.env=prod", "-cp", "lib/a.jar:classes",
                "com.example.Main", "--port", "8080");
    }

    @Test
    void jarLaunchRunsTheSameJar() {
        List<String> command = ChildCommand.of(JAVA, List.of("-Xss1m"), "build/app.jar", "build/app.jar serve",
                List.of("-Xss1m", "-jar", "build/app.jar", "serve"));

        assertThat(command).containsExactly(JAVA, "-Xss1m", "-jar", "build/app.jar", "serve");
    }

    @Test
    void debugAgentsAreDropped() {
        List<String> command = ChildCommand.of(JAVA,
                List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005", "-Xdebug",
                        "-Xrunjdwp:transport=dt_socket,address=5006", "-javaagent:otel.jar", "-Xmx1g"),
                "classes", "Main", null);

        assertThat(command).containsExactly(JAVA, "-javaagent:otel.jar", "-Xmx1g", "-cp", "classes", "Main");
    }

    @Test
    void argumentsWithSpacesAreTakenWholeFromTheProcessCommandLine() {
        List<String> argv = List.of("-Dtitle=a b", "-cp", "classes", "Main", "hello world", "x");

        List<String> command = ChildCommand.of(JAVA, List.of("-Dtitle=a b"), "classes", "Main hello world x", argv);

        assertThat(command).endsWith("Main", "hello world", "x");
    }

    @Test
    void aProcessCommandLineThatDoesNotMatchIsIgnored() {
        List<String> command = ChildCommand.of(JAVA, List.of(), "classes", "Main a b", List.of("something", "else"));

        assertThat(command).endsWith("Main", "a", "b");
    }

    @Test
    void withoutArgumentsNoneArePassed() {
        assertThat(ChildCommand.of(JAVA, List.of(), "classes", "Main", List.of("-cp", "classes", "Main")))
                .containsExactly(JAVA, "-cp", "classes", "Main");
    }

    @Test
    void aJvmWithoutMainClassCannotStartChildren() {
        assertThatThrownBy(() -> ChildCommand.of(JAVA, List.of(), "classes", null, null))
                .isInstanceOf(StreambackException.class).hasMessageContaining("WorkerMode.THREADS");
    }

    @Test
    void thisJvmHasACommand() {
        List<String> command = ChildCommand.forThisJvm();

        assertThat(command.get(0)).endsWith("java");
        assertThat(command).doesNotContain("").noneMatch(ChildCommand::isDebugAgent);
    }

    @Test
    void childModeIsReadFromTheEnvironment() {
        assertThat(ChildMode.fromEnvironment(Map.of())).isNull();
        assertThat(ChildMode.fromEnvironment(Map.of(ChildMode.GROUP_ENV, "pool", ChildMode.ID_ENV, "app-pool-3",
                ChildMode.PARENT_PID_ENV, "42", ChildMode.APP_ENV, "app")))
                .isEqualTo(new ChildMode("app", "pool", "app-pool-3", 42, null));
        ChildMode partial = ChildMode.fromEnvironment(Map.of(ChildMode.GROUP_ENV, "orders"));
        assertThat(partial).isNotNull();
        assertThat(partial.parentPid()).isEqualTo(-1);
        assertThat(partial.serves("any")).isTrue();
        assertThat(new ChildMode("app", "pool", "id", 1, null).serves("other")).isFalse();
    }
}
