package io.streamback.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {path}} placeholders, each naming a field of a JSON value: {@code {id}},
 * {@code {user.name}}, or {@code {.}} for the whole value; {@code {{} and {@code }}} stand for
 * literal braces. Used by {@code send --key}, {@code listen --respond} and {@code listen --format}.
 */
final class Template {
    /** A piece of the template: literal text, or a path when {@code path} is set. */
    private record Piece(String text, @Nullable List<String> path) {
    }

    private final String source;
    private final List<Piece> pieces;

    private Template(String source, List<Piece> pieces) {
        this.source = source;
        this.pieces = pieces;
    }

    /**
     * The template {@code text}.
     *
     * @throws IllegalArgumentException when a brace is not closed or a placeholder is empty
     */
    static Template parse(String text) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text + "' has a '{' without its '}' (write {{ for a"
                            + " literal brace)");
                }
                String name = text.substring(i + 1, end).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "' has an empty placeholder {}: name a field,"
                            + " e.g. {id}, or {.} for the whole value");
                }
                if (literal.length() > 0) {
                    pieces.add(new Piece(literal.toString(), null));
                    literal.setLength(0);
                }
                pieces.add(new Piece(name, name.equals(".") ? List.of() : List.of(name.split("\\.", -1))));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("'" + text + "' has a '}' without its '{' (write }} for a"
                        + " literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            pieces.add(new Piece(literal.toString(), null));
        }
        return new Template(text, List.copyOf(pieces));
    }

    /** Whether the template has no placeholder: it renders as its own text. */
    boolean isConstant() {
        return pieces.stream().allMatch(piece -> piece.path() == null);
    }

    /** The field name of a template that is exactly one placeholder, else null. */
    private @Nullable List<String> soleField() {
        return pieces.size() == 1 ? pieces.get(0).path() : null;
    }

    /**
     * The text for {@code root}: each placeholder becomes its field's text (a string as it is,
     * anything else as compact JSON; a missing field or null as nothing, unless {@code strict}).
     *
     * @throws MissingField when {@code strict} and a placeholder names a field {@code root} lacks or holds null
     */
    String render(@Nullable Object root, boolean strict) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece.path() == null) {
                out.append(piece.text());
                continue;
            }
            Object value = lookUp(root, piece.path());
            if (value == MISSING || value == null) {
                if (strict) {
                    throw new MissingField(piece.text());
                }
                continue;
            }
            out.append(value instanceof String text ? text : JsonLines.toJson(value));
        }
        return out.toString();
    }

    /** The text of the template; what it was parsed from. */
    @Override
    public String toString() {
        return source;
    }

    /**
     * {@code json} with every string in it that holds placeholders filled from {@code root}: a string
     * that is exactly one placeholder, {@code "{value}"}, becomes that field's JSON value (null when
     * missing); any other becomes text.
     */
    static @Nullable Object fill(@Nullable Object json, @Nullable Object root) {
        if (json instanceof String text) {
            Template template = parse(text);
            if (template.isConstant()) {
                return template.render(root, false);
            }
            List<String> field = template.soleField();
            if (field != null) {
                Object value = lookUp(root, field);
                return value == MISSING ? null : value;
            }
            return template.render(root, false);
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> filled = new LinkedHashMap<>();
            map.forEach((key, value) -> filled.put(String.valueOf(key), fill(value, root)));
            return filled;
        }
        if (json instanceof List<?> list) {
            List<@Nullable Object> filled = new ArrayList<>();
            list.forEach(value -> filled.add(fill(value, root)));
            return filled;
        }
        return json;
    }

    /**
     * Checks every placeholder of the strings in {@code json}.
     *
     * @throws IllegalArgumentException as {@link #parse(String)} does
     */
    static void check(@Nullable Object json) {
        if (json instanceof String text) {
            parse(text);
        } else if (json instanceof Map<?, ?> map) {
            map.values().forEach(Template::check);
        } else if (json instanceof List<?> list) {
            list.forEach(Template::check);
        }
    }

    private static final Object MISSING = new Object();

    private static @Nullable Object lookUp(@Nullable Object root, List<String> path) {
        Object current = root;
        for (String name : path) {
            if (current instanceof Map<?, ?> map && map.containsKey(name)) {
                current = map.get(name);
            } else if (current instanceof List<?> list && isIndex(name, list.size())) {
                current = list.get(Integer.parseInt(name));
            } else {
                return MISSING;
            }
        }
        return current;
    }

    private static boolean isIndex(String name, int size) {
        if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(name) < size;
    }

    /** A placeholder named a field that the value lacks. */
    static final class MissingField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String field;

        MissingField(String field) {
            super("no field '" + field + "'", null, false, false);
            this.field = field;
        }

        /** The placeholder's text, e.g. {@code user.id}. */
        String field() {
            return field;
        }
    }
}
