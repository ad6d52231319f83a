package io.streamback.internal;

import io.streamback.SetupException;
import io.streamback.MappingException;
import com.fasterxml.jackson.databind.JavaType;
import io.streamback.Context;
import io.streamback.Input;
import io.streamback.Listen;
import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.StreambackException;
import io.streamback.internal.text.LogText;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Listen} method of a user's object: injects the context, the message and
 * {@link Input} fields, and sends a non-null return value as a reply.
 *
 * <p>It holds no mapper: a router is made before any instance and may be included in several, so
 * {@link Input} fields are mapped by the application the message came to, through the message.
 */
public final class AnnotatedListener extends Listener {
    private final Object target;
    private final Method method;
    private final List<ArgumentSource> arguments;

    private AnnotatedListener(Object target, Method method, List<ArgumentSource> arguments) {
        this.target = target;
        this.method = method;
        this.arguments = arguments;
    }

    /**
     * One subscription per {@link Listen} method of {@code target}'s class and its superclasses. A
     * method annotated in a superclass is called on {@code target}, so an override runs: that is how
     * a subclass proxy (Spring's CGLIB proxies, whose overrides carry no annotation) runs its advice.
     * An annotated method overridden by an annotated one counts once.
     *
     * @throws io.streamback.SetupException when a method has a parameter that cannot be injected, or none is annotated
     */
    public static List<Subscription> scan(Object target) {
        List<Subscription> found = new ArrayList<>();
        for (Method method : listenMethods(target.getClass())) {
            Listen listen = method.getAnnotation(Listen.class);
            if (Modifier.isStatic(method.getModifiers())) {
                throw new SetupException("@Listen method " + describe(method) + " must not be static");
            }
            method.setAccessible(true);
            List<ArgumentSource> sources = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                sources.add(argumentSource(method, parameter));
            }
            AnnotatedListener listener = new AnnotatedListener(target, method, List.copyOf(sources));
            found.add(new Subscription(new ListenerInfo(describe(method), listen.topic()), () -> listener,
                    ListenOptions.NONE));
        }
        if (found.isEmpty()) {
            throw new SetupException(target.getClass().getName()
                    + " has no method annotated @Listen(topic = \"...\"): nothing to register");
        }
        return found;
    }

    /** The {@link Listen} methods of {@code type} and its superclasses, the subclass's first of a signature. */
    private static List<Method> listenMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Listen.class)
                        && signatures.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    private static ArgumentSource argumentSource(Method method, Parameter parameter) {
        Class<?> type = parameter.getType();
        if (type == Context.class) {
            return (context, message) -> context;
        }
        if (type == Message.class) {
            return (context, message) -> message;
        }
        Input input = parameter.getAnnotation(Input.class);
        if (input == null) {
            throw new SetupException("parameter '" + parameter.getName() + "' of " + describe(method)
                    + " must be a Context, a Message or annotated @Input(\"field\")");
        }
        Type declared = parameter.getParameterizedType();
        String field = input.value();
        return (context, message) -> inputField(message, field, declared, method);
    }

    private static @Nullable Object inputField(Message message, String field, Type declared, Method method) {
        JsonValues values = ((InboundMessage) message).values();
        JavaType type = values.type(declared);
        if (!(message.value() instanceof Map<?, ?> value)) {
            throw new MappingException("@Input(\"" + field + "\") of " + describe(method)
                    + " needs a JSON object as message value, got " + LogText.of(message.value()));
        }
        Object raw = value.get(field);
        if (raw == null && type.isPrimitive()) {
            throw new MappingException("@Input(\"" + field + "\") of " + describe(method)
                    + " is missing from the message and its type " + type.getRawClass() + " cannot be null");
        }
        try {
            return values.convert(raw, type);
        } catch (IllegalArgumentException e) {
            throw new MappingException("@Input(\"" + field + "\") of " + describe(method) + " cannot be read as "
                    + type.getRawClass().getSimpleName() + ": " + LogText.of(e.getMessage()), e);
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    @Override
    public void consume(Context context, Message message) throws Exception {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).resolve(context, message);
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        if (result != null) {
            message.respond(result);
        }
    }

    @FunctionalInterface
    private interface ArgumentSource {
        @Nullable Object resolve(Context context, Message message);
    }
}
