package io.streamback.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot service on the Streamback starter: {@link Greeter} answers requests on topic
 * {@code greet}, {@link GreetingClient} sends them and reads the reply. Its settings are in
 * {@code application.properties}.
 */
@SpringBootApplication
public class GreeterApplication {
    public static void main(String[] args) {
        SpringApplication.run(GreeterApplication.class, args);
    }
}
