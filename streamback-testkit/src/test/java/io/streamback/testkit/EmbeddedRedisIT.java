package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EmbeddedRedisIT {

    @Test
    void sharedServerAnswersPing() throws IOException {
        EmbeddedRedis redis = EmbeddedRedis.shared();

        assertThat(EmbeddedRedis.shared()).isSameAs(redis);
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        try (Resp resp = new Resp(redis.port())) {
            assertThat(resp.call("PING")).containsExactly("+PONG");
        }
    }

    @Test
    void listCommandsWork() throws IOException {
        try (Resp resp = new Resp(EmbeddedRedis.shared().port())) {
            assertThat(resp.call("DEL", "testkit-list")).hasSize(1);
            assertThat(resp.call("LPUSH", "testkit-list", "first", "second")).containsExactly(":2");
            assertThat(resp.call("RPOP", "testkit-list")).containsExactly("$5", "first");
            assertThat(resp.call("RPOP", "testkit-list")).containsExactly("$6", "second");
            assertThat(resp.call("RPOP", "testkit-list")).containsExactly("$-1");
        }
    }

    @Test
    void hasNoPersistence() throws IOException {
        try (Resp resp = new Resp(EmbeddedRedis.shared().port())) {
            assertThat(resp.call("CONFIG", "GET", "save")).containsExactly("*2", "$4", "save", "$0", "");
            assertThat(resp.call("CONFIG", "GET", "appendonly")).containsExactly("*2", "$10", "appendonly", "$2", "no");
        }
    }

    @Test
    void startsOnAnExplicitPortAndStops() throws IOException {
        int port = Ports.free();

        try (EmbeddedRedis redis = EmbeddedRedis.start(port); Resp resp = new Resp(port)) {
            assertThat(redis.port()).isEqualTo(port);
            assertThat(resp.call("PING")).containsExactly("+PONG");
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void failsClearlyWhenPortIsInUse() {
        int usedPort = EmbeddedRedis.shared().port();

        assertThatThrownBy(() -> EmbeddedRedis.start(usedPort))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not start Redis on 127.0.0.1:" + usedPort + ": port in use");
    }

    /** Minimal RESP client: sends one command, returns the reply as raw lines. */
    private static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Resp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        List<String> call(String... args) throws IOException {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(arg).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            readReply(lines);
            return lines;
        }

        private void readReply(List<String> lines) throws IOException {
            String line = in.readLine();
            lines.add(line);
            char type = line.charAt(0);
            if (type == '$' && Integer.parseInt(line.substring(1)) >= 0) {
                lines.add(in.readLine());
            } else if (type == '*') {
                int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    readReply(lines);
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
