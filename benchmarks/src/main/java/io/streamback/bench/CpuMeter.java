package io.streamback.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this JVM (the clients and, with embedded servers, the Kafka broker) and by the
 * Redis server while a cell runs. Unlike throughput, CPU per request hardly moves when other
 * work shares the machine, so it tells two designs apart where RPC/s cannot.
 */
final class CpuMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Infra infra;
    private final long jvmStartNanos;
    private final double redisStartSeconds;

    private CpuMeter(Infra infra) {
        this.infra = infra;
        this.jvmStartNanos = OS.getProcessCpuTime();
        this.redisStartSeconds = infra.redisCpuSeconds();
    }

    /** Starts counting now. */
    static CpuMeter start(Infra infra) {
        return new CpuMeter(infra);
    }

    /** Microseconds of CPU (this JVM + Redis) since {@link #start}, per one of {@code count} operations. */
    double microsPer(int count) {
        double jvm = (OS.getProcessCpuTime() - jvmStartNanos) / 1e3;
        double redis = (infra.redisCpuSeconds() - redisStartSeconds) * 1e6;
        return (jvm + redis) / count;
    }
}
