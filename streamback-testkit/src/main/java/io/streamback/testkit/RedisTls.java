package io.streamback.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * TLS for the embedded Redis servers, whose bundled binary is built without it: a self-signed
 * certificate for {@code 127.0.0.1} and {@code localhost}, made once per JVM with the JDK's
 * {@code keytool}, and {@link RedisTlsFront}s that take TLS connections in front of a server.
 * Clients trust the certificate through {@link #trustStore()}, or JVM-wide with
 * {@link #trustInThisJvm()}.
 */
public final class RedisTls {

    private static final String PASSWORD = "streamback-testkit";
    private static final String ALIAS = "embedded-redis";
    private static final Object LOCK = new Object();
    private static @Nullable RedisTls shared;

    private final Path trustStore;
    private final SSLSocketFactory serverSockets;

    private RedisTls(Path trustStore, SSLSocketFactory serverSockets) {
        this.trustStore = trustStore;
        this.serverSockets = serverSockets;
    }

    /**
     * The JVM's certificate, made on first use.
     *
     * @throws IllegalStateException if {@code keytool} fails or is missing from {@code java.home}
     */
    public static RedisTls selfSigned() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = create(TempDirs.create("streamback-redis-tls-"));
            }
            return shared;
        }
    }

    /** A PKCS12 trust store holding the certificate (password {@link #trustStorePassword()}). */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of {@link #trustStore()}. */
    public String trustStorePassword() {
        return PASSWORD;
    }

    /**
     * Makes the certificate the trust store of this JVM ({@code javax.net.ssl.trustStore} and its
     * password and type), which TLS clients without a trust store of their own use, Lettuce among
     * them. Other certificates are then no longer trusted by those clients.
     */
    public void trustInThisJvm() {
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    /**
     * Starts a front on a free port that takes TLS connections (and plain ones) and passes them on
     * to the server on {@code port}.
     */
    public RedisTlsFront front(int port) {
        return RedisTlsFront.start(port, serverSockets);
    }

    private static RedisTls create(Path dir) {
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:" + Ports.HOST + ",dns:localhost", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return new RedisTls(trustStore, context.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not load the key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(keytool + " " + args[0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + keytool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + keytool, e);
        }
    }
}
