package dev.regard.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;

/**
 * The attacker of {@link PlainFlood}, in a JVM of its own so that its threads, allocations and
 * garbage collections do not pause the measured producer: {@code --workers} threads connect from
 * {@code --flood-from} to the runtime's SASL_SSL listener and log in with PLAIN and a wrong
 * password, over and over, half as alice and half as made-up users. Driven by lines on standard
 * input: {@code start N} floods with at most N attempts, {@code stop} stops and answers {@code
 * counts SESSIONS ENDED}: the attempts that got a TLS session (and were refused their login) and
 * those the broker ended before one. Ends when its input ends.
 *
 * <pre>
 * WrongPasswordFlood --run-dir=run [--workers=16] [--flood-from=127.0.0.2]
 * </pre>
 */
public final class WrongPasswordFlood {
  private final InetSocketAddress broker;
  private final InetAddress source;
  private final SSLSocketFactory tls;
  private final int workers;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  WrongPasswordFlood(LoadOptions options) throws Exception {
    RunDirectory run = new RunDirectory(Path.of(options.get("run-dir", "run")));
    String from = options.get("flood-from", "127.0.0.2");
    this.source = from.isEmpty() ? null : InetAddress.getByName(from);
    this.workers = options.integer("workers", 16);
    this.tls = run.trust();
    String[] bootstrap = run.client("alice").getProperty("bootstrap.servers").split(":");
    // The broker's address in the source's family: a flood from 127.0.0.2 cannot reach ::1.
    InetAddress host =
        Arrays.stream(InetAddress.getAllByName(bootstrap[0]))
            .filter(a -> source == null || a.getClass() == source.getClass())
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(bootstrap[0] + " has no address like " + from));
    this.broker = new InetSocketAddress(host, Integer.parseInt(bootstrap[1]));
  }

  public static void main(String[] args) throws Exception {
    WrongPasswordFlood flood = new WrongPasswordFlood(LoadOptions.parse(args));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = System.out;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("start ")) {
        flood.start(Long.parseLong(line.substring(6).strip()));
      } else if (line.equals("stop")) {
        flood.stop();
        out.println("counts " + flood.sessions.get() + " " + flood.ended.get());
        out.flush();
      }
    }
    flood.stop();
  }

  private void start(long maxAttempts) {
    attempts.set(0);
    sessions.set(0);
    ended.set(0);
    running.set(true);
    for (int i = 0; i < workers; i++) {
      int worker = i;
      Thread t =
          new Thread(
              () -> {
                for (long n = 0; running.get() && attempts.incrementAndGet() <= maxAttempts; n++) {
                  // Half the guesses aim at a real user, half at made-up ones.
                  String user = n % 2 == 0 ? "alice" : "nobody-" + worker + "-" + n;
                  char[] guess = ("guess-" + worker + "-" + n).toCharArray();
                  try {
                    new SaslHandshake(broker, source, tls, "PLAIN", user, guess).run();
                    sessions.incrementAndGet();
                  } catch (SaslHandshake.NoSession throttled) {
                    ended.incrementAndGet();
                  } catch (Exception refused) {
                    // A refused login is what the flood gets.
                    sessions.incrementAndGet();
                  }
                }
              },
              "flood-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
  }

  private void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(60_000);
    }
    threads.clear();
  }

  /** A flood process and the lines that drive it. */
  static final class Driver implements AutoCloseable {
    private final Process process;
    private final PrintStream commands;
    private final BufferedReader replies;

    Driver(LoadOptions options) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(WrongPasswordFlood.class.getName());
      for (String name : List.of("run-dir", "workers", "flood-from")) {
        if (options.has(name)) {
          command.add("--" + name + "=" + options.get(name, ""));
        }
      }
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      replies =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    void start(long maxAttempts) {
      commands.println("start " + maxAttempts);
    }

    /** Stops the flood; returns the attempts with a TLS session and those ended before one. */
    long[] stop() throws Exception {
      commands.println("stop");
      for (String line = replies.readLine(); line != null; line = replies.readLine()) {
        if (line.startsWith("counts ")) {
          String[] counts = line.split(" ");
          return new long[] {Long.parseLong(counts[1]), Long.parseLong(counts[2])};
        }
      }
      throw new IllegalStateException("the flood process ended without its counts");
    }

    @Override
    public void close() throws Exception {
      commands.close();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
      }
    }
  }
}
