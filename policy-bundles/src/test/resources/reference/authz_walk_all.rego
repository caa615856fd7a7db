# Least-privilege authorization for Kafka. Deny unless a rule below allows.
#
# Who may do what is data (data.kafka.authz): admins; group memberships; topic prefixes with
# their owners, producers and consumers; consumer group prefixes with their members; and
# transactional-id prefixes with the principals that may use them. Principals are named
# "Type:name" (User:alice); groups are named "group:<name>" and come from the principal
# (input.principal.groups) or from data.kafka.authz.principals.
#
# Prefixes are keys, and a resource is matched by looking up each of its name's prefixes, so a
# decision costs as many lookups as the name has characters, however many prefixes there are.
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

# The entries of a prefix-keyed object that apply to the requested resource's name.
matching(entries) := {prefix |
	some i in numbers.range(1, count(input.resource.name))
	prefix := substring(input.resource.name, 0, i)
	entries[prefix]
}

# Operations each topic role grants; DESCRIBE comes with every role, as Kafka implies it.
topic_operations := {
	"owners": {"CREATE", "DELETE", "ALTER", "ALTER_CONFIGS", "DESCRIBE", "DESCRIBE_CONFIGS"},
	"producers": {"WRITE", "DESCRIBE"},
	"consumers": {"READ", "DESCRIBE"},
}

group_operations := {"READ", "DESCRIBE"}

transactional_id_operations := {"WRITE", "DESCRIBE"}

# Admins may do everything.
allow if is_admin

# Topics: the roles held on the topic's prefix grant their operations.
allow if {
	input.resource.type == "TOPIC"
	some prefix in matching(data.kafka.authz.topics)
	some role, operations in topic_operations
	input.operation in operations
	holds(data.kafka.authz.topics[prefix][role])
}

# Consumer groups: members may join, commit and describe.
allow if {
	input.resource.type == "GROUP"
	input.operation in group_operations
	some prefix in matching(data.kafka.authz.consumer_groups)
	holds(data.kafka.authz.consumer_groups[prefix].members)
}

# Transactional ids: the listed principals may use ids with the prefix.
allow if {
	input.resource.type == "TRANSACTIONAL_ID"
	input.operation in transactional_id_operations
	some prefix in matching(data.kafka.authz.transactional_ids)
	holds(data.kafka.authz.transactional_ids[prefix].principals)
}

# Idempotent producers: anyone who produces to some topic.
allow if {
	input.resource.type == "CLUSTER"
	input.operation == "IDEMPOTENT_WRITE"
	some topic in data.kafka.authz.topics
	holds(topic.producers)
}

# Kafka asks whether the principal may perform an operation on at least one resource of a
# type (input.resource.name is empty, patternType ANY).
allow_by_resource_type if is_admin

allow_by_resource_type if {
	input.resource.type == "TOPIC"
	some topic in data.kafka.authz.topics
	some role, operations in topic_operations
	input.operation in operations
	holds(topic[role])
}

allow_by_resource_type if {
	input.resource.type == "GROUP"
	input.operation in group_operations
	some group in data.kafka.authz.consumer_groups
	holds(group.members)
}

allow_by_resource_type if {
	input.resource.type == "TRANSACTIONAL_ID"
	input.operation in transactional_id_operations
	some tx in data.kafka.authz.transactional_ids
	holds(tx.principals)
}
