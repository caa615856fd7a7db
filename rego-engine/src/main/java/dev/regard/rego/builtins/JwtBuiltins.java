package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.Signatures.*;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OPA's {@code io.jwt.*} builtins: decoding, signature verification (RSA, RSA-PSS, ECDSA, EdDSA,
 * HMAC), full validation with {@code io.jwt.decode_verify}, and signing.
 */
final class JwtBuiltins {
  private JwtBuiltins() {}

  static void register(BuiltinRegistry.Builder b) {
    b.add("io.jwt.decode", fn(tuple(OBJ, OBJ, S), S), JwtBuiltins::decode);
    b.add("io.jwt.decode_verify", fn(tuple(B, OBJ, OBJ), S, SOBJ), JwtBuiltins::decodeVerify);
    for (String alg :
        List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")) {
      b.add(
          "io.jwt.verify_" + alg.toLowerCase(Locale.ROOT),
          fn(B, S, S),
          (ctx, a) -> verifyAsymmetric(alg, a));
    }
    b.add("io.jwt.verify_eddsa", fn(B, S, S), (ctx, a) -> verifyAsymmetric("EdDSA", a));
    for (String alg : List.of("HS256", "HS384", "HS512")) {
      b.add(
          "io.jwt.verify_" + alg.toLowerCase(Locale.ROOT),
          fn(B, S, S),
          (ctx, a) -> verifyHmac(alg, a));
    }
    b.add("io.jwt.encode_sign", fn(S, SOBJ, SOBJ, SOBJ), JwtBuiltins::encodeSign);
    b.add("io.jwt.encode_sign_raw", fn(S, S, S, S), JwtBuiltins::encodeSignRaw);
  }

  /** The three base64url sections of a compact JWS. */
  private record Token(String header, String payload, String signature) {
    byte[] signingInput() {
      return (header + "." + payload).getBytes(StandardCharsets.UTF_8);
    }

    ObjectValue decodedHeader() {
      String json;
      try {
        json = utf8(EncodingBuiltins.decodeBase64Url(header));
      } catch (BuiltinException e) {
        throw BuiltinException.error("JWT header had invalid encoding: " + e.getMessage());
      }
      ObjectValue h;
      try {
        h = jsonObject(json);
      } catch (BuiltinException e) {
        throw BuiltinException.error("bad JWT header: " + e.getMessage());
      }
      if (h.get("enc") != null) {
        throw BuiltinException.error("JWT is a JWE object, which is not supported");
      }
      return h;
    }

    String decodedPayload() {
      try {
        return utf8(EncodingBuiltins.decodeBase64Url(payload));
      } catch (BuiltinException e) {
        throw BuiltinException.error("JWT payload had invalid encoding: " + e.getMessage());
      }
    }

    byte[] decodedSignature() {
      return EncodingBuiltins.decodeBase64Url(signature);
    }
  }

  private static Token token(Value v) {
    if (!(v instanceof StringValue s)) {
      throw Args.operandError(0, "string", v);
    }
    String text = s.value();
    if (!text.contains(".")) {
      throw BuiltinException.error("encoded JWT had no period separators");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3) {
      throw BuiltinException.error("encoded JWT must have 3 sections, found " + parts.length);
    }
    return new Token(parts[0], parts[1], parts[2]);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static ObjectValue jsonObject(String json) {
    Value v;
    try {
      v = EncodingBuiltins.parseJson(json);
    } catch (BuiltinException e) {
      throw BuiltinException.error("invalid JSON: " + e.getMessage());
    }
    if (!(v instanceof ObjectValue o)) {
      throw BuiltinException.error("decoded JSON type was not an Object");
    }
    return o;
  }

  private static Value decode(BuiltinContext ctx, Value[] args) {
    Token t = token(args[0]);
    ObjectValue header = t.decodedHeader();
    String payload = t.decodedPayload();
    if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
      // A nested token: its payload is another JWT, possibly quoted.
      String inner = payload.replaceAll("^[\"']+|[\"']+$", "");
      return decode(ctx, new Value[] {StringValue.of(inner)});
    }
    ObjectValue claims = jsonObject(payload);
    String sig = HexFormat.of().formatHex(t.decodedSignature());
    return ArrayValue.of(header, claims, StringValue.of(sig));
  }

  private static Value verifyAsymmetric(String alg, Value[] args) {
    Token t = token(args[0]);
    String keyText = Args.string(args, 1);
    List<JwtKeys.VerificationKey> keys = JwtKeys.verificationKeys(keyText);
    byte[] signature = t.decodedSignature();
    Header header = Header.parse(t.decodedHeader());
    // A key whose kid matches the token's is the only one tried.
    if (!header.kid.isEmpty()) {
      for (JwtKeys.VerificationKey k : keys) {
        if (k.kid().equals(header.kid)) {
          return BooleanValue.of(JwtKeys.verify(k.key(), alg, t.signingInput(), signature));
        }
      }
    }
    for (JwtKeys.VerificationKey k : keys) {
      if (!k.alg().isEmpty() && !k.alg().equals(header.alg)) {
        continue;
      }
      if (JwtKeys.verify(k.key(), alg, t.signingInput(), signature)) {
        return BooleanValue.TRUE;
      }
    }
    return BooleanValue.FALSE;
  }

  private static Value verifyHmac(String alg, Value[] args) {
    Args.string(args, 0);
    String secret = Args.string(args, 1);
    Token t = token(args[0]);
    byte[] signature = t.decodedSignature();
    return BooleanValue.of(
        JwtKeys.verify(JwtKeys.secret(secret), alg, t.signingInput(), signature));
  }

  /** The JOSE header fields that verification looks at. */
  private record Header(String alg, String kid, String cty, Set<String> crit, Set<String> unknown) {
    static Header parse(ObjectValue h) {
      String alg = "";
      String kid = "";
      String cty = "";
      Set<String> crit = new HashSet<>();
      Set<String> unknown = new HashSet<>();
      for (int i = 0; i < h.size(); i++) {
        String k = h.keyAt(i) instanceof StringValue s ? s.value() : h.keyAt(i).toJson();
        Value v = h.valueAt(i);
        switch (k) {
          case "alg", "kid", "typ", "cty" -> {
            if (!(v instanceof StringValue s)) {
              throw BuiltinException.error(k + ": must be a string");
            }
            switch (k) {
              case "alg" -> alg = s.value();
              case "kid" -> kid = s.value();
              case "cty" -> cty = s.value();
              default -> {}
            }
          }
          case "crit" -> {
            if (!(v instanceof ArrayValue a)) {
              throw BuiltinException.error("crit: must be a list");
            }
            for (Value e : a.elements()) {
              if (e instanceof StringValue s) {
                crit.add(s.value());
              }
            }
            if (crit.isEmpty()) {
              throw BuiltinException.error("crit: must be a nonempty list");
            }
          }
          default -> unknown.add(k);
        }
      }
      return new Header(alg, kid, cty, crit, unknown);
    }

    /** RFC 7515: alg is required, and no critical parameter may go unrecognised. */
    boolean valid() {
      return !alg.isEmpty() && unknown.stream().noneMatch(crit::contains);
    }
  }

  /** The constraints object of {@code io.jwt.decode_verify}. */
  private static final class Constraints {
    String secret = "";
    String alg = "";
    String iss = "";
    String aud = "";
    List<JwtKeys.VerificationKey> keys;
    double time = -1;

    static Constraints parse(ObjectValue o, long nowNs) {
      Constraints c = new Constraints();
      for (int i = 0; i < o.size(); i++) {
        String name = o.keyAt(i) instanceof StringValue s ? s.value() : o.keyAt(i).toJson();
        Value v = o.valueAt(i);
        switch (name) {
          case "cert" -> {
            if (!(v instanceof StringValue s)) {
              throw BuiltinException.error("cert constraint: must be a string");
            }
            c.keys = JwtKeys.verificationKeys(s.value());
          }
          case "secret" -> c.secret = string(name, v);
          case "alg" -> c.alg = string(name, v);
          case "iss" -> c.iss = string(name, v);
          case "aud" -> c.aud = string(name, v);
          case "time" -> c.time = time(v);
          default -> throw BuiltinException.error("unknown token validation constraint: " + name);
        }
      }
      if (c.time == -1) {
        c.time = (double) nowNs;
      }
      int keySources = (c.keys != null ? 1 : 0) + (c.secret.isEmpty() ? 0 : 1);
      if (keySources > 1) {
        throw BuiltinException.error("duplicate key constraints");
      }
      if (keySources < 1) {
        throw BuiltinException.error("no key constraint");
      }
      return c;
    }

    private static String string(String name, Value v) {
      if (!(v instanceof StringValue s)) {
        throw BuiltinException.error(name + " constraint: must be a string");
      }
      return s.value();
    }

    private static double time(Value v) {
      if (!(v instanceof NumberValue n)) {
        throw BuiltinException.error("token time constraint: must be a number");
      }
      double t = n.doubleValue();
      if (t < 0) {
        throw BuiltinException.error("token time constraint: must not be negative");
      }
      return t;
    }

    boolean verify(Header header, Token t, byte[] signature) {
      if (keys != null) {
        if (!header.kid.isEmpty()) {
          for (JwtKeys.VerificationKey k : keys) {
            if (k.kid().equals(header.kid)) {
              return JwtKeys.verify(k.key(), header.alg, t.signingInput(), signature);
            }
          }
        }
        for (JwtKeys.VerificationKey k : keys) {
          if ((k.alg().isEmpty() || k.alg().equals(header.alg))
              && JwtKeys.verify(k.key(), header.alg, t.signingInput(), signature)) {
            return true;
          }
        }
        return false;
      }
      return JwtKeys.verify(JwtKeys.secret(secret), header.alg, t.signingInput(), signature);
    }

    boolean validAudience(Value aud) {
      if (aud instanceof StringValue s) {
        return s.value().equals(this.aud);
      }
      if (aud instanceof ArrayValue a) {
        return a.elements().stream()
            .anyMatch(e -> e instanceof StringValue s && s.value().equals(this.aud));
      }
      return false;
    }
  }

  private static final Value UNVERIFIED =
      ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

  private static Value decodeVerify(BuiltinContext ctx, Value[] args) {
    ObjectValue constraintsArg = Args.object(args, 1);
    Constraints constraints = Constraints.parse(constraintsArg, ctx.timeNowNs());
    Value current = args[0];
    Token t;
    ObjectValue header;
    String payloadText;
    while (true) {
      t = token(current);
      header = t.decodedHeader();
      Header h = Header.parse(header);
      if (!h.valid()) {
        return UNVERIFIED;
      }
      if (!constraints.alg.isEmpty() && !constraints.alg.equals(h.alg)) {
        return UNVERIFIED;
      }
      byte[] signature = t.decodedSignature();
      if (!constraints.verify(h, t, signature)) {
        return UNVERIFIED;
      }
      payloadText = t.decodedPayload();
      if (!h.cty.equalsIgnoreCase("JWT")) {
        break;
      }
      current = StringValue.of(payloadText); // a nested token: verify it in turn
    }
    ObjectValue payload = jsonObject(payloadText);
    if (!constraints.iss.isEmpty()) {
      if (!(payload.get("iss") instanceof StringValue iss)
          || !iss.value().equals(constraints.iss)) {
        return UNVERIFIED;
      }
    }
    Value aud = payload.get("aud");
    if (aud != null ? !constraints.validAudience(aud) : !constraints.aud.isEmpty()) {
      return UNVERIFIED;
    }
    BigDecimal now = new BigDecimal(Double.toString(constraints.time / 1_000_000_000d));
    Value exp = payload.get("exp");
    if (exp != null) {
      if (!(exp instanceof NumberValue n)) {
        throw BuiltinException.error("exp value must be a number");
      }
      if (now.compareTo(n.bigDecimalValue()) >= 0) {
        return UNVERIFIED;
      }
    }
    Value nbf = payload.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof NumberValue n)) {
        throw BuiltinException.error("nbf value must be a number");
      }
      if (now.compareTo(n.bigDecimalValue()) < 0) {
        return UNVERIFIED;
      }
    }
    return ArrayValue.of(BooleanValue.TRUE, header, payload);
  }

  private static Value encodeSign(BuiltinContext ctx, Value[] args) {
    String headers = EncodingJson.write(args[0], "", null);
    String payload = EncodingJson.write(args[1], "", null);
    String jwk = EncodingJson.write(args[2], "", null);
    return sign(headers, payload, jwk);
  }

  private static Value encodeSignRaw(BuiltinContext ctx, Value[] args) {
    String jwk = Args.string(args, 2);
    String headers = Args.string(args, 0);
    String payload = Args.string(args, 1);
    return sign(headers, payload, jwk);
  }

  private static Value sign(String headers, String payload, String jwk) {
    Key key = JwtKeys.signingKey(jwk);
    if (headers.isEmpty()) {
      throw BuiltinException.error(
          "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
    }
    Value parsed;
    try {
      parsed = EncodingBuiltins.parseJson(headers);
    } catch (BuiltinException e) {
      throw BuiltinException.error(
          "missing or invalid 'alg' header: cannot parse JSON: " + e.getMessage());
    }
    Value alg = parsed instanceof ObjectValue o ? o.get("alg") : null;
    if (!(alg instanceof StringValue algName) || algName.value().isEmpty()) {
      throw BuiltinException.error("unsupported signature algorithm");
    }
    if (!JwtKeys.ALGORITHMS.contains(algName.value())) {
      throw BuiltinException.error("unknown JWS algorithm: " + algName.value());
    }
    Value typ = ((ObjectValue) parsed).get("typ");
    boolean jwtType = !(typ instanceof StringValue) || ((StringValue) typ).value().equals("JWT");
    if (jwtType && !isJson(payload)) {
      throw BuiltinException.error("type is JWT but payload is not JSON");
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(headers.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      byte[] sig = JwtKeys.sign(key, algName.value(), input.getBytes(StandardCharsets.UTF_8));
      return StringValue.of(input + "." + b64.encodeToString(sig));
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error("failed to sign payload: " + e.getMessage());
    }
  }

  private static boolean isJson(String s) {
    try {
      EncodingBuiltins.parseJson(s);
      return true;
    } catch (BuiltinException e) {
      return false;
    }
  }
}
