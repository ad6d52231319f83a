package io.streamback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.Input;
import io.streamback.Listen;
import io.streamback.SetupException;
import io.streamback.Streamback;
import io.streamback.StreambackClosedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/** @Listen beans registered, listening started with the context and stopped gracefully with it; memory streams. */
class StreambackLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String streams = "main=memory://" + UUID.randomUUID() + "&feedback=memory://" + UUID.randomUUID();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StreambackAutoConfiguration.class,
                    StreambackListenersAutoConfiguration.class))
            .withPropertyValues("streamback.name=greeter", "streamback.streams=" + streams);

    static class Greeter {
        @Listen(topic = "greet")
        String greet(@Input("name") String name) {
            return "Hello, " + name + "!";
        }
    }

    static class PrivateGreeter {
        @Listen(topic = "greet")
        private String greet(@Input("name") String name) {
            return "Hello, " + name + "!";
        }
    }

    interface Greeting {
        String greet(String name);
    }

    static class InterfaceGreeter implements Greeting {
        @Listen(topic = "greet")
        @Override
        public String greet(@Input("name") String name) {
            return "Hello, " + name + "!";
        }
    }

    @Test
    void aListenBeanAnswersOnceTheContextIsRefreshed() {
        runner.withBean(Greeter.class).run(context -> {
            try (Streamback caller = Streamback.create("caller", streams)) {
                Object reply = caller.send("greet", Map.of("name", "Ada")).read(WAIT);

                assertThat(reply).isEqualTo("Hello, Ada!");
            }
        });
    }

    @Test
    void aProxiedListenBeanRunsItsAdvice() {
        runner.withBean(Greeter.class).withBean(BeanPostProcessor.class, () -> proxyingClassesOf(Greeter.class, false))
                .run(context -> {
                    assertThat(org.springframework.aop.support.AopUtils.isCglibProxy(context.getBean(Greeter.class)))
                            .isTrue();

                    Object reply = context.getBean(Streamback.class).send("greet", Map.of("name", "Ada")).read(WAIT);

                    assertThat(reply).isEqualTo("advised: Hello, Ada!");
                });
    }

    @Test
    void aPrivateListenMethodOfAProxiedBeanFailsTheStartNamingIt() {
        runner.withBean("privateGreeter", PrivateGreeter.class)
                .withBean(BeanPostProcessor.class, () -> proxyingClassesOf(PrivateGreeter.class, false))
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(SetupException.class)
                        .hasMessageContaining("@Listen method PrivateGreeter.greet of bean 'privateGreeter' is private")
                        .hasMessageContaining("package-private"));
    }

    @Test
    void anInterfaceProxyFailsTheStartSayingToProxyTheClass() {
        runner.withBean("interfaceGreeter", InterfaceGreeter.class)
                .withBean(BeanPostProcessor.class, () -> proxyingClassesOf(InterfaceGreeter.class, true))
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(SetupException.class)
                        .hasMessageContaining("bean 'interfaceGreeter'")
                        .hasMessageContaining("spring.aop.proxy-target-class=true"));
    }

    @Test
    void withoutAutoStartupNothingIsRegisteredOrStarted() {
        runner.withBean(Greeter.class).withPropertyValues("streamback.auto-startup=false").run(context -> {
            Streamback streamback = context.getBean(Streamback.class);

            assertThatThrownBy(streamback::snapshot).isInstanceOf(IllegalStateException.class);
            streamback.register(new Greeter()); // still open to listeners
        });
    }

    @Test
    void closingTheContextLetsTheMessageInHandFinishAndClosesTheInstance() {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Object slow = new Object() {
            @Listen(topic = "slow")
            String handle() throws InterruptedException {
                events.add("started");
                release.await();
                events.add("finished");
                return "done";
            }
        };
        runner.withBean("slow", Object.class, () -> slow)
                .withBean(ApplicationListener.class, () -> (ApplicationListener<ContextClosedEvent>) event ->
                        events.add("closing"))
                .run(context -> {
                    Streamback streamback = context.getBean(Streamback.class);
                    try (Streamback caller = Streamback.create("caller", streams)) {
                        FeedbackLane lane = caller.send("slow", Map.of());
                        await().atMost(WAIT).until(() -> events.contains("started"));

                        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close)
                                .thenRun(() -> events.add("closed"));
                        await().atMost(WAIT).until(() -> events.contains("closing"));
                        release.countDown();
                        closed.get();

                        assertThat(events).containsExactly("started", "closing", "finished", "closed");
                        assertThat(lane.read(WAIT)).as("the reply of the message in hand").isEqualTo("done");
                        assertThatThrownBy(() -> streamback.send("slow", Map.of()))
                                .isInstanceOf(StreambackClosedException.class);
                    }
                });
    }

    @Test
    void closingTheContextGivesAStuckListenerOnlyTheShutdownTimeout() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Object stuck = new Object() {
            @Listen(topic = "stuck")
            void handle() throws InterruptedException {
                started.countDown();
                never.await();
            }
        };
        runner.withBean("stuck", Object.class, () -> stuck).withPropertyValues("streamback.shutdown-timeout=1s")
                .run(context -> {
                    try (Streamback caller = Streamback.create("caller", streams)) {
                        caller.sendOneWay("stuck", Map.of());
                        await().atMost(WAIT).until(() -> started.getCount() == 0);

                        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);

                        await().atMost(WAIT).until(closed::isDone);
                        assertThat(closed).isCompleted();
                    } finally {
                        never.countDown();
                    }
                });
    }

    /** What Spring's auto-proxy creators do: wraps beans of {@code type} in a proxy with advice. */
    private static BeanPostProcessor proxyingClassesOf(Class<?> type, boolean byInterface) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!type.isInstance(bean)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(!byInterface);
                factory.addAdvice((MethodInterceptor) invocation -> "advised: " + invocation.proceed());
                return factory.getProxy();
            }
        };
    }
}
