package dev.regard.benchmarks.load;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.SaslClient;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;

/**
 * One whole client authentication on a new connection, as a Kafka client performs it: TCP (and TLS
 * when the listener has it), SaslHandshake, the SaslAuthenticate exchange, and then one ApiVersions
 * request, the first request after authentication, for which the broker builds the connection's
 * principal. Kafka's own request classes frame every message; only the socket is blocking, so that
 * a handshake is a single call.
 */
final class SaslHandshake {
  private static final String CLIENT_ID = "handshake-load";

  private final InetSocketAddress broker;
  private final InetAddress source;
  private final SSLSocketFactory tls;
  private final String mechanism;
  private final String user;
  private final char[] password;

  /**
   * @param tls null for a SASL_PLAINTEXT listener
   */
  SaslHandshake(
      InetSocketAddress broker,
      SSLSocketFactory tls,
      String mechanism,
      String user,
      char[] password) {
    this(broker, null, tls, mechanism, user, password);
  }

  /**
   * @param source the local address to connect from, as another client machine would; null for the
   *     system's choice
   * @param tls null for a SASL_PLAINTEXT listener
   */
  SaslHandshake(
      InetSocketAddress broker,
      InetAddress source,
      SSLSocketFactory tls,
      String mechanism,
      String user,
      char[] password) {
    this.broker = broker;
    this.source = source;
    this.tls = tls;
    this.mechanism = mechanism;
    this.user = user;
    this.password = password.clone();
  }

  /**
   * Connects, authenticates, sends one request and closes; throws unless every step succeeded, and
   * {@link NoSession} when the connection ended before its TLS handshake completed.
   */
  void run() throws IOException {
    try (Socket socket = connect()) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int correlation = 0;
      SaslHandshakeResponse handshake =
          (SaslHandshakeResponse)
              exchange(
                  out,
                  in,
                  new SaslHandshakeRequest.Builder(
                          new SaslHandshakeRequestData().setMechanism(mechanism))
                      .build((short) 1),
                  ++correlation);
      require(Errors.forCode(handshake.data().errorCode()), "SaslHandshake");
      SaslClient sasl = saslClient();
      byte[] token = sasl.hasInitialResponse() ? sasl.evaluateChallenge(new byte[0]) : new byte[0];
      while (true) {
        SaslAuthenticateResponse response =
            (SaslAuthenticateResponse)
                exchange(
                    out,
                    in,
                    new SaslAuthenticateRequest.Builder(
                            new SaslAuthenticateRequestData().setAuthBytes(token))
                        .build((short) 2),
                    ++correlation);
        require(Errors.forCode(response.data().errorCode()), "SaslAuthenticate");
        byte[] challenge = response.data().authBytes();
        if (sasl.isComplete()) {
          break;
        }
        token = sasl.evaluateChallenge(challenge);
        if (sasl.isComplete() && token == null) {
          break;
        }
      }
      ApiVersionsResponse versions =
          (ApiVersionsResponse)
              exchange(out, in, new ApiVersionsRequest.Builder().build((short) 3), ++correlation);
      require(Errors.forCode(versions.data().errorCode()), "ApiVersions after authentication");
    }
  }

  private Socket connect() throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      if (source != null) {
        plain.bind(new InetSocketAddress(source, 0));
      }
      plain.connect(broker, 10_000);
      plain.setSoTimeout(30_000);
      if (tls == null) {
        return plain;
      }
      SSLSocket secured =
          (SSLSocket) tls.createSocket(plain, broker.getHostString(), broker.getPort(), true);
      secured.startHandshake();
      return secured;
    } catch (IOException e) {
      plain.close();
      throw new NoSession(e);
    }
  }

  /**
   * The connection failed or was closed before its TLS handshake completed: the broker refused or
   * throttled it before any handshake work.
   */
  static final class NoSession extends IOException {
    NoSession(IOException cause) {
      super(cause.toString(), cause);
    }
  }

  private SaslClient saslClient() throws IOException {
    if (mechanism.equals("PLAIN")) {
      return new PlainClient(user, password);
    }
    ScramMechanism scram = ScramMechanism.forMechanismName(mechanism);
    if (scram == null) {
      throw new IllegalArgumentException("unsupported mechanism " + mechanism);
    }
    try {
      return new ScramSaslClient(
          scram,
          callbacks -> {
            for (var callback : callbacks) {
              if (callback instanceof NameCallback name) {
                name.setName(user);
              } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password);
              }
            }
          });
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  private static AbstractResponse exchange(
      DataOutputStream out, DataInputStream in, AbstractRequest request, int correlation)
      throws IOException {
    RequestHeader header =
        new RequestHeader(request.apiKey(), request.version(), CLIENT_ID, correlation);
    ByteBuffer bytes = request.serializeWithHeader(header);
    out.writeInt(bytes.remaining());
    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    out.flush();
    byte[] response = new byte[in.readInt()];
    in.readFully(response);
    return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
  }

  private static void require(Errors error, String step) throws IOException {
    if (error != Errors.NONE) {
      throw new IOException(step + " failed: " + error.name());
    }
  }

  /** RFC 4616 PLAIN: one message, authorization identity empty. */
  private static final class PlainClient implements SaslClient {
    private final String user;
    private final char[] password;
    private boolean complete;

    PlainClient(String user, char[] password) {
      this.user = user;
      this.password = password;
    }

    @Override
    public String getMechanismName() {
      return "PLAIN";
    }

    @Override
    public boolean hasInitialResponse() {
      return true;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
      complete = true;
      return ("\0" + user + "\0" + new String(password)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isComplete() {
      return complete;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
      throw new IllegalStateException("PLAIN has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
      throw new IllegalStateException("PLAIN has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
      return null;
    }

    @Override
    public void dispose() {}
  }
}
