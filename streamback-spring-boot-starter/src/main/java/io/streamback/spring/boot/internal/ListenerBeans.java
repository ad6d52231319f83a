package io.streamback.spring.boot.internal;

import io.streamback.Listen;
import io.streamback.Router;
import io.streamback.SetupException;
import io.streamback.Streamback;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds what the context declares for Streamback to run: singleton beans with {@link Listen}
 * methods and {@link Router} beans, and adds them to an instance.
 */
final class ListenerBeans {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerBeans.class);

    private final ConfigurableListableBeanFactory beanFactory;

    ListenerBeans(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Registers every singleton bean with {@link Listen} methods and includes every {@link Router}
     * bean on {@code streamback}.
     *
     * @throws SetupException naming the bean when its methods cannot be called as it is (a proxy
     *     that would skip them), or when the library refuses a method
     */
    void addTo(Streamback streamback) {
        List<String> registered = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (ScopedProxyUtils.isScopedTarget(name) || beanFactory.getBeanDefinition(name).isAbstract()
                    || !beanFactory.isSingleton(name)) {
                continue;
            }
            Class<?> type = targetClass(name);
            if (type == null || !hasListenMethods(ClassUtils.getUserClass(type))) {
                continue;
            }
            Object bean = beanFactory.getBean(name);
            checkCallable(name, bean, ClassUtils.getUserClass(type));
            streamback.register(bean);
            registered.add(name);
        }
        List<Router> routers = beanFactory.getBeanProvider(Router.class).orderedStream().toList();
        routers.forEach(streamback::includeRouter);
        LOG.info("event=listener_beans_registered name={} beans={} routers={}", streamback.name(), registered,
                routers.size());
    }

    /**
     * The class of the bean behind {@code name}: what Spring's auto-proxy creators recorded, else its
     * type, else, for an interface proxy made otherwise, the class its definition declares.
     */
    private @Nullable Class<?> targetClass(String name) {
        Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, name);
        if (type == null || Proxy.isProxyClass(type)) {
            Class<?> declared = beanFactory.getMergedBeanDefinition(name).getResolvableType().resolve();
            return declared != null ? declared : type;
        }
        return type;
    }

    private static boolean hasListenMethods(Class<?> type) {
        return !listenMethods(type).isEmpty();
    }

    /** The {@link Listen} methods of {@code type} and its superclasses, as the library finds them. */
    private static List<Method> listenMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Listen.class)) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    /**
     * A proxy's own class must carry the bean's methods, callable through it: an interface proxy
     * has none of them, and a class proxy runs a private or final method on itself, without the
     * bean's state and without its advice.
     */
    private static void checkCallable(String name, Object bean, Class<?> userClass) {
        if (AopUtils.isJdkDynamicProxy(bean)) {
            throw new SetupException("bean '" + name + "' (" + userClass.getName() + ") has @Listen methods but is an"
                    + " interface-based (JDK) proxy, which has none of them: let Spring proxy its class"
                    + " (spring.aop.proxy-target-class=true, the default in Spring Boot, or proxyTargetClass = true)");
        }
        if (AopUtils.isCglibProxy(bean)) {
            for (Method method : listenMethods(userClass)) {
                int modifiers = method.getModifiers();
                if (Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers)) {
                    throw new SetupException("@Listen method " + userClass.getSimpleName() + "." + method.getName()
                            + " of bean '" + name + "' is " + (Modifier.isPrivate(modifiers) ? "private" : "final")
                            + ", but the bean is a proxy: the call would run on the proxy, without the bean's"
                            + " fields or advice. Make it package-private, protected or public, and not final");
                }
            }
        }
    }
}
