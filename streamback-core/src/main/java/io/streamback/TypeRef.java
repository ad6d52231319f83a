package io.streamback;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * A generic type to map replies to, where a {@code Class} cannot say it, e.g. a list of records:
 *
 * <pre>{@code
 * List<Order> orders = lane.read(new TypeRef<List<Order>>() { });
 * }</pre>
 *
 * <p>Create it as an anonymous subclass, as above: the type argument is read from the subclass's
 * declaration. Two type references to the same type are equal.
 *
 * @param <T> the type replies are mapped to
 */
public abstract class TypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass being created.
     *
     * @throws IllegalStateException when the subclass gives no type argument (a raw {@code new TypeRef() { }})
     *     or only a type variable ({@code new TypeRef<T>() { }} in generic code), which names no type
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)
                || parameterized.getRawType() != TypeRef.class) {
            throw new IllegalStateException("create a TypeRef as a direct anonymous subclass with a type argument,"
                    + " e.g. new TypeRef<List<Order>>() { }");
        }
        Type argument = parameterized.getActualTypeArguments()[0];
        if (argument instanceof TypeVariable<?> variable) {
            throw new IllegalStateException("TypeRef<" + variable.getName() + "> names a type variable, not a type:"
                    + " give the type itself, e.g. new TypeRef<List<Order>>() { }, or pass a Class");
        }
        this.type = argument;
    }

    /** The captured type, e.g. {@code java.util.List<com.example.Order>}. */
    public final Type type() {
        return type;
    }

    /** Whether {@code other} is a type reference to the same type. */
    @Override
    public final boolean equals(Object other) {
        return other instanceof TypeRef<?> ref && ref.type.equals(type);
    }

    /** A hash of the captured type. */
    @Override
    public final int hashCode() {
        return type.hashCode();
    }

    /** {@code TypeRef<the type>}. */
    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
