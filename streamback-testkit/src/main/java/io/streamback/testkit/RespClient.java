package io.streamback.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A minimal blocking RESP2 client for the kit's own admin commands ({@code PING},
 * {@code CLUSTER ...}, {@code SENTINEL ...}). Replies are {@link String} (simple and bulk
 * strings), {@link Long}, {@link List} or {@code null}; an error reply throws {@link ErrorReply}.
 * Not thread-safe, not for application traffic.
 */
final class RespClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 500;
    private static final int READ_TIMEOUT_MS = 2_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private RespClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.port = port;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code 127.0.0.1:port}, authenticating as the default user if {@code password} is set. */
    static RespClient connect(int port, @Nullable String password) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(Ports.HOST, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            RespClient client = new RespClient(socket, port);
            if (password != null) {
                client.call("AUTH", password);
            }
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command on a new connection and returns its reply. */
    static @Nullable Object callOnce(int port, @Nullable String password, String... args) throws IOException {
        try (RespClient client = connect(port, password)) {
            return client.call(args);
        }
    }

    /** Returns whether something answers a RESP {@code PING} on the port (even with an error, e.g. NOAUTH). */
    static boolean answersPing(int port) {
        try (RespClient client = connect(port, null)) {
            client.call("PING");
            return true;
        } catch (ErrorReply answeredWithError) {
            return true;
        } catch (IOException | RuntimeException notYet) {
            return false;
        }
    }

    /** Sends one command and returns its reply. */
    @Nullable Object call(String... args) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream(64 + args.length * 8);
        writeAscii(command, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            writeAscii(command, "$" + bytes.length + "\r\n");
            command.write(bytes);
            writeAscii(command, "\r\n");
        }
        command.writeTo(out);
        out.flush();
        return read();
    }

    /** Sends one command whose reply is a (bulk or simple) string. */
    String callForString(String... args) throws IOException {
        Object reply = call(args);
        if (!(reply instanceof String text)) {
            throw new IOException(String.join(" ", args) + " on port " + port + " replied " + reply);
        }
        return text;
    }

    /** Sends one command whose reply is an array. */
    List<?> callForList(String... args) throws IOException {
        Object reply = call(args);
        if (!(reply instanceof List<?> list)) {
            throw new IOException(String.join(" ", args) + " on port " + port + " replied " + reply);
        }
        return list;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private @Nullable Object read() throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException("connection to " + Ports.HOST + ":" + port + " closed");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated reply from " + Ports.HOST + ":" + port);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<@Nullable Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "' from " + Ports.HOST + ":" + port);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b == -1) {
                throw new EOFException("connection to " + Ports.HOST + ":" + port + " closed mid-reply");
            }
            if (b == '\r') {
                in.read(); // '\n'
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** An error reply such as {@code ERR ...}, {@code NOAUTH ...} or {@code NOGOODSLAVE ...}. */
    static final class ErrorReply extends IOException {
        ErrorReply(String message) {
            super(message);
        }
    }
}
