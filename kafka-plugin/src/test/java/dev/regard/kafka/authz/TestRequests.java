package dev.regard.kafka.authz;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.Action;

/** Kafka request contexts and actions as the broker builds them. */
public final class TestRequests {
  private TestRequests() {}

  public static RequestContext context(String user) {
    return context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user));
  }

  public static RequestContext context(KafkaPrincipal principal) {
    try {
      return new RequestContext(
          new RequestHeader(ApiKeys.PRODUCE, ApiKeys.PRODUCE.latestVersion(), "client-1", 7),
          "127.0.0.1:9092-127.0.0.1:50000-0",
          InetAddress.getByName("127.0.0.1"),
          principal,
          ListenerName.normalised("SASL_PLAINTEXT"),
          SecurityProtocol.SASL_PLAINTEXT,
          new ClientInformation("apache-kafka-java", "4.4.0"),
          false);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Action topic(AclOperation operation, String name) {
    return new Action(
        operation,
        new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL),
        1,
        true,
        true);
  }

  public static List<Action> one(Action action) {
    return List.of(action);
  }
}
