package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A TLS front before a real Redis: TLS and plain clients both reach the server; the certificate is checked. */
class RedisTlsIT {
    private static EmbeddedRedis redis;
    private static RedisTlsFront front;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(0);
        front = RedisTls.selfSigned().front(redis.port());
    }

    @AfterAll
    static void stop() {
        front.close();
        redis.close();
    }

    @Test
    void aClientThatTrustsTheCertificateTalksToRedisOverTls() throws Exception {
        int before = front.tlsConnections();
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket(Ports.HOST, front.port())) {
            socket.getSession().getPeerCertificates(); // the handshake, checking the certificate for 127.0.0.1
            assertThat(ping(socket)).isEqualTo("+PONG");
            assertThat(socket.getSession().getProtocol()).startsWith("TLS");
        }
        assertThat(front.tlsConnections()).isEqualTo(before + 1);
    }

    @Test
    void aPlainClientPassesAsItIs() throws Exception {
        int before = front.tlsConnections();
        try (Socket socket = new Socket(Ports.HOST, front.port())) {
            assertThat(ping(socket)).isEqualTo("+PONG");
        }
        assertThat(front.tlsConnections()).isEqualTo(before);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        SSLContext defaults = SSLContext.getInstance("TLS");
        defaults.init(null, null, null); // the JDK's own trust store
        try (SSLSocket socket = (SSLSocket) defaults.getSocketFactory().createSocket(Ports.HOST, front.port())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static SSLContext trusting() throws Exception {
        RedisTls tls = RedisTls.selfSigned();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            trust.load(in, tls.trustStorePassword().toCharArray());
        }
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers.getTrustManagers(), null);
        return context;
    }

    private static String ping(Socket socket) throws IOException {
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
