/**
 * The README's examples, one class per example, each with a {@code main} method. They use the
 * streams string {@code main=kafka://kafka:9092&feedback=redis://redis:6379}, as the Python README
 * does; {@link io.streamback.examples.UnitTestingWithMemory} runs without any server.
 */
package io.streamback.examples;
