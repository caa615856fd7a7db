package dev.regard.kafka.engine;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The keys that run another authorizer inside Regard's, for moving from ACLs to policy: the
 * delegate and who decides.
 */
public final class DelegationSettings {
  public static final String DELEGATE_CLASS = "regard.delegate.authorizer.class.name";
  public static final String MODE = "regard.mode";
  public static final String MODE_ENFORCE = "enforce";
  public static final String MODE_SHADOW = "shadow";

  private DelegationSettings() {}

  /** Adds the keys to {@code def}. */
  public static ConfigDef define(ConfigDef def) {
    return def.define(
            DELEGATE_CLASS,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "An authorizer run inside Regard's, such as"
                + " org.apache.kafka.metadata.authorizer.StandardAuthorizer (its ACLs stay in the"
                + " metadata log and kafka-acls keeps working: ACL requests go to it). It is"
                + " configured with the broker's settings and asked about every action the policy"
                + " is asked about; each disagreement is a decision-log entry and counts in"
                + " shadow-disagreements-total. Empty for none.")
        .define(
            MODE,
            Type.STRING,
            MODE_ENFORCE,
            ValidString.in(MODE_ENFORCE, MODE_SHADOW),
            Importance.MEDIUM,
            "Who decides: 'enforce', the policy; 'shadow', the delegate (required), with the"
                + " policy evaluated beside it so its answers can be compared before switching.");
  }
}
