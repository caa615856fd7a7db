# Least-privilege authorization for Kafka. Deny unless a rule below allows.
#
# Who may do what is data (data.kafka.authz): admins; group memberships; topic prefixes with
# their owners, producers and consumers; consumer group prefixes with their members; and
# transactional-id prefixes with the principals that may use them. Principals are named
# "Type:name" (User:alice); groups are named "group:<name>" and come from the principal
# (input.principal.groups) or from data.kafka.authz.principals.
#
# Prefixes are keys, and a resource is matched by looking up its name's prefixes of the lengths
# the keys have, so a decision costs a few lookups, however many prefixes there are.

# METADATA
# schemas:
#   - input: schema.authz_input
package kafka.authz

default allow := false

default allow_by_resource_type := false

principal := sprintf("%s:%s", [input.principal.type, input.principal.name])

# Every name this principal acts under: itself and its groups.
identities contains principal

identities contains sprintf("group:%s", [group]) if {
	some group in input.principal.groups
}

identities contains sprintf("group:%s", [group]) if {
	some group in data.kafka.authz.principals[principal].groups
}

holds(names) if {
	some id in identities
	id in names
}

is_admin if holds(data.kafka.authz.admins)

# The entries of a prefix-keyed object that apply to the requested resource's name: its
# non-empty prefixes (the empty name's own) of the lengths the object's keys have.
matching(entries, lengths) := {prefix |
	name := input.resource.name
	size := count(name)
	shortest := min([1, size])
	some n in lengths
	n >= shortest
	n <= size
	prefix := substring(name, 0, n)
	entries[prefix]
}

# The lengths of the prefixes of each kind: these read no input, so the engine works them out
# once per bundle revision.
topic_prefix_lengths := {count(prefix) | some prefix, _ in data.kafka.authz.topics}

group_prefix_lengths := {count(prefix) | some prefix, _ in data.kafka.authz.consumer_groups}

transactional_id_prefix_lengths := {count(prefix) | some prefix, _ in data.kafka.authz.transactional_ids}

# Operations each topic role grants; DESCRIBE comes with every role, as Kafka implies it.
topic_operations := {
	"owners": {"CREATE", "DELETE", "ALTER", "ALTER_CONFIGS", "DESCRIBE", "DESCRIBE_CONFIGS"},
	"producers": {"WRITE", "DESCRIBE"},
	"consumers": {"READ", "DESCRIBE"},
}

# The topic roles that grant each operation: read no input, worked out once per bundle revision.
topic_roles_granting[operation] contains role if {
	some role, operations in topic_operations
	some operation in operations
}

group_operations := {"READ", "DESCRIBE"}

transactional_id_operations := {"WRITE", "DESCRIBE"}

# Admins may do everything.
allow if is_admin

# Topics: the roles held on the topic's prefix grant their operations.
allow if {
	input.resource.type == "TOPIC"
	some prefix in matching(data.kafka.authz.topics, topic_prefix_lengths)
	some role in topic_roles_granting[input.operation]
	holds(data.kafka.authz.topics[prefix][role])
}

# Consumer groups: members may join, commit and describe.
allow if {
	input.resource.type == "GROUP"
	input.operation in group_operations
	some prefix in matching(data.kafka.authz.consumer_groups, group_prefix_lengths)
	holds(data.kafka.authz.consumer_groups[prefix].members)
}

# Transactional ids: the listed principals may use ids with the prefix.
allow if {
	input.resource.type == "TRANSACTIONAL_ID"
	input.operation in transactional_id_operations
	some prefix in matching(data.kafka.authz.transactional_ids, transactional_id_prefix_lengths)
	holds(data.kafka.authz.transactional_ids[prefix].principals)
}

# Idempotent producers: anyone who produces to some topic.
allow if {
	input.resource.type == "CLUSTER"
	input.operation == "IDEMPOTENT_WRITE"
	holds(topic_role_holders.producers)
}

# Kafka asks whether the principal may perform an operation on at least one resource of a
# type (input.resource.name is empty, patternType ANY).
allow_by_resource_type if is_admin

allow_by_resource_type if {
	input.resource.type == "TOPIC"
	some role in topic_roles_granting[input.operation]
	holds(topic_role_holders[role])
}

allow_by_resource_type if {
	input.resource.type == "GROUP"
	input.operation in group_operations
	holds(consumer_group_members)
}

allow_by_resource_type if {
	input.resource.type == "TRANSACTIONAL_ID"
	input.operation in transactional_id_operations
	holds(transactional_id_principals)
}

# Who holds a role on some prefix: these read no input, so the engine works them out once per
# bundle revision and a question about a resource type costs a few lookups, however many
# prefixes there are.
topic_role_holders[role] contains name if {
	some topic in data.kafka.authz.topics
	some role, names in topic
	topic_operations[role]
	some name in names
}

consumer_group_members contains name if {
	some group in data.kafka.authz.consumer_groups
	some name in group.members
}

transactional_id_principals contains name if {
	some tx in data.kafka.authz.transactional_ids
	some name in tx.principals
}
