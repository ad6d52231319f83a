package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void prefixesTopicsOnce() {
        Topics topics = new Topics("dev");

        assertThat(topics.full("orders")).isEqualTo("dev.orders");
        assertThat(topics.full("dev.orders")).isEqualTo("dev.orders");
        assertThat(topics.full("devices")).isEqualTo("dev.devices");
        assertThat(topics.local("dev.orders")).isEqualTo("orders");
    }

    @Test
    void withoutPrefixTopicsStayAsTheyAre() {
        Topics topics = new Topics(null);

        assertThat(topics.full("orders")).isEqualTo("orders");
        assertThat(topics.local("orders")).isEqualTo("orders");
    }
}
