package dev.regard.kafka.credentials;

import dev.regard.rego.value.Json;
import dev.regard.rego.value.ObjectValue;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Prints the credential entry for one user, to paste under {@code kafka.credentials} in a bundle's
 * data.json. The password is read from the console without echo, or from the first line of standard
 * input; it never appears in arguments or output.
 *
 * <pre>
 * java -cp regard-kafka-plugin.jar dev.regard.kafka.credentials.HashPassword \
 *     [--iterations 210000] [--scram-iterations 8192] alice
 * </pre>
 */
public final class HashPassword {
  private HashPassword() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    int iterations = Pbkdf2Hash.DEFAULT_ITERATIONS;
    int scramIterations = 8192;
    String user = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--iterations" -> iterations = Integer.parseInt(args[++i]);
          case "--scram-iterations" -> scramIterations = Integer.parseInt(args[++i]);
          default -> user = args[i];
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      user = null;
    }
    if (user == null
        || user.startsWith("-")
        || iterations < Pbkdf2Hash.MIN_ITERATIONS
        || iterations > Pbkdf2Hash.MAX_ITERATIONS
        || scramIterations < 4096
        || scramIterations > 16384) {
      err.println(
          "usage: HashPassword [--iterations "
              + Pbkdf2Hash.MIN_ITERATIONS
              + ".."
              + Pbkdf2Hash.MAX_ITERATIONS
              + "] [--scram-iterations 4096..16384] <user>");
      return 2;
    }
    char[] password = readPassword(user);
    if (password == null || password.length == 0) {
      err.println("no password given");
      return 2;
    }
    try {
      ObjectValue entry =
          CredentialEntries.of(password, iterations, scramIterations, new SecureRandom());
      out.println(Json.writePretty(ObjectValue.builder().put(user, entry).build()));
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] readPassword(String user) throws IOException {
    Console console = System.console();
    if (console != null) {
      return console.readPassword("Password for %s: ", user);
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? null : line.toCharArray();
  }
}
