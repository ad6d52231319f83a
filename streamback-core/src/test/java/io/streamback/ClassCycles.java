package io.streamback;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cycles of class dependencies (nested classes counted as their top-level class) that pass
 * through two packages: the strongly connected components (Tarjan) with members in both.
 */
final class ClassCycles {
    private final Map<String, Set<String>> edges = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> components = new ArrayList<>();

    private ClassCycles() {
    }

    /**
     * The cycles between {@code first} (exact package) and {@code second} (with its subpackages), each
     * as its class names,
     * leaving out the classes named {@code edges}: the ones both sides may know.
     */
    static List<Set<String>> between(JavaClasses classes, String first, String second, Set<String> edges) {
        ClassCycles graph = new ClassCycles();
        for (JavaClass javaClass : classes) {
            if (!in(javaClass, first, second) || edges.contains(top(javaClass))) {
                continue;
            }
            Set<String> targets = graph.edges.computeIfAbsent(top(javaClass), k -> new HashSet<>());
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (in(target, first, second) && !top(target).equals(top(javaClass))
                        && !edges.contains(top(target))) {
                    targets.add(top(target));
                }
            }
        }
        graph.edges.keySet().forEach(node -> {
            if (!graph.index.containsKey(node)) {
                graph.connect(node);
            }
        });
        return graph.components.stream()
                .filter(c -> c.stream().anyMatch(n -> packageOf(n).equals(first))
                        && c.stream().anyMatch(n -> !packageOf(n).equals(first)))
                .toList();
    }

    private void connect(String node) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                components.add(component);
            }
        }
    }

    private static boolean in(JavaClass javaClass, String first, String second) {
        String pkg = javaClass.getPackageName();
        return pkg.equals(first) || pkg.equals(second) || pkg.startsWith(second + ".");
    }

    private static String top(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }
}
