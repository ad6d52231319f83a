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
 * Keeps the README from rotting: every line of every {@code java} block in ../README.md must be a
 * line of the example file named right below the block, e.g.
 * {@code (examples/src/main/java/io/streamback/examples/RpcProducer.java)}.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("README.md");
    private static final Pattern SOURCE = Pattern.compile("\\((examples/src/[\\w/.-]+\\.java)\\)");

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
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                all.addAll(trimmedLines(file));
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
            if (!readme.get(i).trim().equals("```java")) {
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
