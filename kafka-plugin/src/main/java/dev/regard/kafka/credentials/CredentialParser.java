package dev.regard.kafka.credentials;

import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * Reads credential entries from {@code data.kafka.credentials}, documented in {@code
 * docs/authentication.md}:
 *
 * <pre>{@code
 * {"alice": {
 *    "pbkdf2_sha512": {"salt": "<b64>", "iterations": 210000, "hash": "<b64>"},
 *    "scram_sha_256": {"salt": "<b64>", "iterations": 8192,
 *                      "stored_key": "<b64>", "server_key": "<b64>"},
 *    "scram_sha_512": {...}}}
 * }</pre>
 *
 * Anything else is refused with the path of the offending member, and a member that looks like a
 * password in clear is named as such.
 */
public final class CredentialParser {
  public static final String PBKDF2 = "pbkdf2_sha512";
  private static final Map<String, ScramMechanism> SCRAM =
      Map.of(
          "scram_sha_256", ScramMechanism.SCRAM_SHA_256,
          "scram_sha_512", ScramMechanism.SCRAM_SHA_512);
  private static final Set<String> PLAINTEXT_HINTS =
      Set.of("password", "passwd", "pass", "plaintext", "secret", "pwd");

  private CredentialParser() {}

  /**
   * Parses one user's entry; {@code path} names it in errors, e.g. {@code kafka.credentials.alice}.
   */
  public static UserCredentials parse(String user, Value entry, String path)
      throws CredentialFormatException {
    if (entry instanceof StringValue) {
      throw new CredentialFormatException(path + " is a string: a plaintext password is refused");
    }
    if (!(entry instanceof ObjectValue object)) {
      throw new CredentialFormatException(path + " must be an object, not " + entry.typeName());
    }
    Optional<Pbkdf2Hash> plain = Optional.empty();
    Map<ScramMechanism, ScramCredential> scram = new EnumMap<>(ScramMechanism.class);
    for (int i = 0; i < object.size(); i++) {
      String key =
          object.keyAt(i) instanceof StringValue s ? s.value() : object.keyAt(i).toString();
      Value value = object.valueAt(i);
      String at = path + "." + key;
      if (PLAINTEXT_HINTS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new CredentialFormatException(at + ": a plaintext password is refused");
      } else if (key.equals(PBKDF2)) {
        plain = Optional.of(pbkdf2(fields(value, at), at));
      } else if (SCRAM.containsKey(key)) {
        ScramMechanism mechanism = SCRAM.get(key);
        scram.put(mechanism, scram(mechanism, fields(value, at), at));
      } else {
        throw new CredentialFormatException(
            at + ": unknown member; expected " + PBKDF2 + ", scram_sha_256 or scram_sha_512");
      }
    }
    return new UserCredentials(user, plain, scram);
  }

  /**
   * Every error in a data document's {@code kafka.credentials}; empty when it is absent or sound.
   */
  public static List<String> validate(ObjectValue data) {
    List<String> errors = new ArrayList<>();
    Value kafka = data.get("kafka");
    if (!(kafka instanceof ObjectValue k) || k.get("credentials") == null) {
      return errors;
    }
    Value credentials = k.get("credentials");
    if (!(credentials instanceof ObjectValue users)) {
      errors.add("kafka.credentials must be an object, not " + credentials.typeName());
      return errors;
    }
    for (int i = 0; i < users.size(); i++) {
      if (!(users.keyAt(i) instanceof StringValue name)) {
        errors.add("kafka.credentials has a key that is not a string: " + users.keyAt(i));
        continue;
      }
      try {
        parse(name.value(), users.valueAt(i), "kafka.credentials." + name.value());
      } catch (CredentialFormatException e) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }

  private static Pbkdf2Hash pbkdf2(ObjectValue fields, String at) throws CredentialFormatException {
    only(fields, at, "salt", "iterations", "hash");
    byte[] salt = base64(fields, "salt", at);
    byte[] hash = base64(fields, "hash", at);
    int iterations = integer(fields, "iterations", at);
    if (salt.length < Pbkdf2Hash.MIN_SALT_BYTES) {
      throw new CredentialFormatException(
          at + ".salt must be at least " + Pbkdf2Hash.MIN_SALT_BYTES + " bytes");
    }
    if (hash.length != Pbkdf2Hash.HASH_BYTES) {
      throw new CredentialFormatException(
          at + ".hash must be " + Pbkdf2Hash.HASH_BYTES + " bytes, not " + hash.length);
    }
    if (iterations < Pbkdf2Hash.MIN_ITERATIONS || iterations > Pbkdf2Hash.MAX_ITERATIONS) {
      throw new CredentialFormatException(
          at
              + ".iterations must be between "
              + Pbkdf2Hash.MIN_ITERATIONS
              + " and "
              + Pbkdf2Hash.MAX_ITERATIONS
              + ", not "
              + iterations);
    }
    return new Pbkdf2Hash(salt, iterations, hash);
  }

  private static ScramCredential scram(ScramMechanism mechanism, ObjectValue fields, String at)
      throws CredentialFormatException {
    only(fields, at, "salt", "iterations", "stored_key", "server_key");
    byte[] salt = base64(fields, "salt", at);
    byte[] storedKey = base64(fields, "stored_key", at);
    byte[] serverKey = base64(fields, "server_key", at);
    int iterations = integer(fields, "iterations", at);
    if (salt.length == 0) {
      throw new CredentialFormatException(at + ".salt must not be empty");
    }
    int keyBytes = mechanism == ScramMechanism.SCRAM_SHA_256 ? 32 : 64;
    if (storedKey.length != keyBytes || serverKey.length != keyBytes) {
      throw new CredentialFormatException(
          at + ".stored_key and .server_key must be " + keyBytes + " bytes each");
    }
    if (iterations < mechanism.minIterations() || iterations > mechanism.maxIterations()) {
      throw new CredentialFormatException(
          at
              + ".iterations must be between "
              + mechanism.minIterations()
              + " and "
              + mechanism.maxIterations()
              + ", not "
              + iterations);
    }
    return new ScramCredential(salt, storedKey, serverKey, iterations);
  }

  private static ObjectValue fields(Value value, String at) throws CredentialFormatException {
    if (value instanceof ObjectValue object) {
      return object;
    }
    throw new CredentialFormatException(at + " must be an object, not " + value.typeName());
  }

  private static void only(ObjectValue fields, String at, String... allowed)
      throws CredentialFormatException {
    List<String> names = List.of(allowed);
    for (Value key : fields.keys()) {
      String name = key instanceof StringValue s ? s.value() : key.toString();
      if (PLAINTEXT_HINTS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new CredentialFormatException(at + "." + name + ": a plaintext password is refused");
      }
      if (!names.contains(name)) {
        throw new CredentialFormatException(
            at + "." + name + ": unknown member; expected " + names);
      }
    }
    for (String name : allowed) {
      if (fields.get(name) == null) {
        throw new CredentialFormatException(at + "." + name + " is missing");
      }
    }
  }

  private static byte[] base64(ObjectValue fields, String name, String at)
      throws CredentialFormatException {
    if (!(fields.get(name) instanceof StringValue s)) {
      throw new CredentialFormatException(at + "." + name + " must be a base64 string");
    }
    try {
      return Base64.getDecoder().decode(s.value());
    } catch (IllegalArgumentException e) {
      throw new CredentialFormatException(at + "." + name + " is not valid base64");
    }
  }

  private static int integer(ObjectValue fields, String name, String at)
      throws CredentialFormatException {
    if (fields.get(name) instanceof NumberValue n && n.isInteger() && n.fitsLong()) {
      long value = n.longValue();
      if (value > 0 && value <= Integer.MAX_VALUE) {
        return (int) value;
      }
    }
    throw new CredentialFormatException(at + "." + name + " must be a positive integer");
  }
}
