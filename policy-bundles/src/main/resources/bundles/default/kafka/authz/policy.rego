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

# The keys of a prefix-keyed object that apply to a resource are the prefixes of its name, found
# by looking up the name's prefix of each length the keys have. A name shorter than a length is
# looked up whole (substring stops at its end), which finds only the name's own key, as its own
# length does. The empty key counts as one long: the first character of a name is not empty, so
# the empty key applies to the empty name only.
prefix_lengths(entries) := {max([count(prefix), 1]) | some prefix, _ in entries}

# These read no input, so the engine works them out once per bundle revision.
topic_prefix_lengths := prefix_lengths(data.kafka.authz.topics)

group_prefix_lengths := prefix_lengths(data.kafka.authz.consumer_groups)

transactional_id_prefix_lengths := prefix_lengths(data.kafka.authz.transactional_ids)

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
	some n in topic_prefix_lengths
	roles := data.kafka.authz.topics[substring(input.resource.name, 0, n)]
	some role in topic_roles_granting[input.operation]
	some name in roles[role]
	identities[name]
}

# Consumer groups: members may join, commit and describe.
allow if {
	input.resource.type == "GROUP"
	input.operation in group_operations
	some n in group_prefix_lengths
	some name in data.kafka.authz.consumer_groups[substring(input.resource.name, 0, n)].members
	identities[name]
}

# Transactional ids: the listed principals may use ids with the prefix.
allow if {
	input.resource.type == "TRANSACTIONAL_ID"
	input.operation in transactional_id_operations
	some n in transactional_id_prefix_lengths
	some name in data.kafka.authz.transactional_ids[substring(input.resource.name, 0, n)].principals
	identities[name]
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
