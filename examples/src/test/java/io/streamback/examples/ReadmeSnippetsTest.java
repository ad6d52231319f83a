package io.streamback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README from rotting: every line of every {@code java} or {@code properties} block in
 * ../README.md must be a line of the example file named right below the block, e.g.
 * {@code (examples/src/main/java/io/streamback/examples/RpcProducer.java)}; the Spring Boot example's
 * files are under {@code examples/spring-boot/src/}.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("README.md");
    private static final Pattern SOURCE =
            Pattern.compile("\\((examples/(?:spring-boot/)?src/[\\w/.-]+\\.(?:java|properties))\\)");
    /** The blocks checked: code, and the Spring Boot example's configuration. */
    private static final Set<String> CHECKED_BLOCKS = Set.of("```java", "```properties");
    /** The example sources: this module's and the Spring Boot example's. */
    private static final List<Path> SOURCES = List.of(Path.of("src"), Path.of("spring-boot/src"));

    /**
     * A java block of the README and the file named below it (null when none is named).
     *
     * @param line the README line number (1-based) of the block's first line
     */
    record Snippet(int line, List<String> lines, String source) {
    }

    @Test
    void everySnippetLineIsALineOfTheFileNamedBelowIt() throws IOException {
        List<Snippet> snippets = snippets(Files.readAllLines(README));
        assertThat(snippets).as("java blocks in %s", README).hasSizeGreaterThan(10);

        List<String> problems = new ArrayList<>();
        for (Snippet snippet : snippets) {
            if (snippet.source() == null) {
                problems.add("README line " + snippet.line() + ": no (examples/src/...java) named below the block");
                continue;
            }
            Path source = ROOT.resolve(snippet.source());
            if (!Files.isRegularFile(source)) {
                problems.add("README line " + snippet.line() + ": " + snippet.source() + " does not exist");
                continue;
            }
            Set<String> sourceLines = trimmedLines(source);
            for (int k = 0; k < snippet.lines().size(); k++) {
                String line = snippet.lines().get(k);
                if (!line.isBlank() && !sourceLines.contains(line.trim())) {
                    problems.add("README line " + (snippet.line() + k) + ": not in " + snippet.source() + ": "
                            + line.trim());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySnippetLineIsInSomeExampleSource() throws IOException {
        Set<String> all = new HashSet<>();
        for (Path sources : SOURCES) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties"))
                        .collect(Collectors.toList())) {
                    all.addAll(trimmedLines(file));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Snippet snippet : snippets(Files.readAllLines(README))) {
            for (int k = 0; k < snippet.lines().size(); k++) {
                String line = snippet.lines().get(k);
                if (!line.isBlank() && !all.contains(line.trim())) {
                    missing.add("README line " + (snippet.line() + k) + ": " + line.trim());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<Snippet> snippets(List<String> readme) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!CHECKED_BLOCKS.contains(readme.get(i).trim())) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < readme.size() && !readme.get(end).trim().startsWith("```")) {
                end++;
            }
            String source = null;
            for (int j = end + 1; j < readme.size() && source == null; j++) {
                String next = readme.get(j);
                if (next.isBlank()) {
                    continue;
                }
                Matcher matcher = SOURCE.matcher(next);
                if (matcher.find()) {
                    source = matcher.group(1);
                }
                break;
            }
            snippets.add(new Snippet(start + 1, List.copyOf(readme.subList(start, Math.min(end, readme.size()))), source));
            i = end;
        }
        return snippets;
    }

    private static Set<String> trimmedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).collect(Collectors.toSet());
    }
}
