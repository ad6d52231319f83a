package io.streamback.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help texts' layout: every text wraps at spaces only, so a word, an address or a JSON example
 * is never split; footer lines that start with two spaces (the examples) are printed as they are.
 * Replaces picocli's description, parameter, option, command and footer sections.
 */
final class HelpLayout {
    /** The width help is laid out for. */
    static final int WIDTH = 80;
    /** The widest first column (option names); longer names put their description on the next line. */
    private static final int MAX_NAMES = 28;

    private HelpLayout() {
    }

    /** Installs the layout on {@code commandLine} and its subcommands. */
    static void install(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        commandLine.setHelpSectionMap(sections);
        commandLine.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static String description(Help help) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            out.append(wrap(text(paragraph), "", "", WIDTH));
        }
        return out.toString();
    }

    private static String parameters(Help help) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
            if (!parameter.hidden()) {
                rows.add(new String[] {parameterName(parameter), String.join("\n", descriptions(parameter))});
            }
        }
        return table(rows, column(help.commandSpec()));
    }

    private static String parameterName(PositionalParamSpec parameter) {
        return parameter.paramLabel() + (parameter.arity().max() > 1 ? "..." : "");
    }

    private static String optionName(OptionSpec option) {
        String names = String.join(", ", option.names());
        return option.arity().max() > 0 ? names + "=" + option.paramLabel() : names;
    }

    /** The width of the first column of a command's parameters and options: one for both lists. */
    private static int column(CommandSpec spec) {
        List<String[]> rows = new ArrayList<>();
        spec.positionalParameters().forEach(p -> rows.add(new String[] {parameterName(p), ""}));
        spec.options().forEach(o -> rows.add(new String[] {optionName(o), ""}));
        return columnOf(rows);
    }

    private static int columnOf(List<String[]> rows) {
        int names = 8;
        for (String[] row : rows) {
            if (row[0].length() + 4 <= MAX_NAMES) {
                names = Math.max(names, row[0].length() + 4);
            }
        }
        return names;
    }

    private static String options(Help help) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden()) {
                options.add(option);
            }
        }
        options.sort(Comparator.comparing(option -> option.longestName().replaceFirst("^-+", "")
                .toLowerCase(Locale.ROOT)));
        List<String[]> rows = new ArrayList<>();
        for (OptionSpec option : options) {
            rows.add(new String[] {optionName(option), String.join("\n", descriptions(option))});
        }
        return table(rows, column(help.commandSpec()));
    }

    private static String commands(Help help) {
        CommandSpec spec = help.commandSpec();
        if (spec.subcommands().isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            rows.add(new String[] {name, description.length == 0 ? "" : text(description[0])});
        });
        return table(rows, columnOf(rows));
    }

    private static String footer(Help help) {
        StringBuilder out = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            String text = text(line);
            out.append(text.startsWith("  ") ? text + "\n" : wrap(text, "", "", WIDTH));
        }
        return out.toString();
    }

    private static List<String> descriptions(ArgSpec arg) {
        List<String> lines = new ArrayList<>();
        for (String line : arg.description()) {
            lines.add(text(line));
        }
        return lines;
    }

    /** Two columns: names, then the description wrapped beside them (each line break starts a paragraph). */
    private static String table(List<String[]> rows, int names) {
        String indent = " ".repeat(names);
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            String first = "  " + row[0];
            boolean fits = first.length() + 2 <= names;
            if (!fits) {
                out.append(first).append('\n');
            }
            String[] paragraphs = row[1].split("\n");
            for (int i = 0; i < paragraphs.length; i++) {
                String lead = i == 0 && fits ? first + " ".repeat(names - first.length()) : indent;
                out.append(wrap(paragraphs[i], lead, indent + "  ", WIDTH));
            }
            if (row[1].isEmpty() && fits) {
                out.append(first).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * {@code text} in lines of at most {@code width} characters broken at spaces only, the first
     * after {@code lead}, the others after {@code indent}; a word longer than a line has one of its own.
     */
    static String wrap(String text, String lead, String indent, int width) {
        StringBuilder out = new StringBuilder(lead);
        int lineLength = lead.length();
        boolean lineEmpty = true;
        for (String word : text.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!lineEmpty && lineLength + 1 + word.length() > width) {
                out.append('\n').append(indent);
                lineLength = indent.length();
                lineEmpty = true;
            }
            if (!lineEmpty) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            lineEmpty = false;
        }
        return out.append('\n').toString();
    }

    /** A picocli text as printed: {@code %n} a line break, {@code %%} a percent sign. */
    private static String text(String format) {
        return format.replace("%n", "\n").replace("%%", "%");
    }
}
