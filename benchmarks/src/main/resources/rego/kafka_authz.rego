# A realistic Kafka authorization policy for benchmarks: principals belong to teams, topics and
# consumer groups are named "<team-prefix>.<name>", and each prefix lists owners, producers and
# consumers. About fifty rules and functions, in the style of production policies.

# METADATA
# schemas:
#   - input: schema.authz_input
package kafka.authz

import rego.v1

default allow := false

allow if {
	not deny
	granted
}

allow if is_super_user

deny if principal_name in data.kafka.blocked_principals

deny if {
	input.requestContext.securityProtocol == "PLAINTEXT"
	not plaintext_listener_allowed
}

plaintext_listener_allowed if input.requestContext.listenerName in data.kafka.plaintext_listeners

granted if topic_read

granted if topic_write

granted if topic_describe

granted if topic_manage

granted if group_access

granted if transactional_id_access

granted if cluster_access

is_super_user if principal_name in data.kafka.super_users

principal_name := input.requestContext.principal.name

principal := data.kafka.principals[principal_name]

principal_groups contains g if some g in principal.groups

principal_groups contains "everyone"

operation := input.action.operation

resource := input.action.resourcePattern

resource_type := resource.resourceType

resource_name := resource.name

resource_prefix := prefix_of(resource_name)

prefix_of(name) := p if {
	parts := split(name, ".")
	count(parts) > 1
	p := parts[0]
}

prefix_of(name) := "" if not contains(name, ".")

topic_entry := data.kafka.topics[resource_prefix]

group_entry := data.kafka.groups[resource_prefix]

member_of(roles) if {
	some g in principal_groups
	g in roles
}

member_of(roles) if principal_name in roles

read_operations := {"READ", "DESCRIBE"}

write_operations := {"WRITE", "DESCRIBE"}

describe_operations := {"DESCRIBE", "DESCRIBE_CONFIGS"}

manage_operations := {"CREATE", "DELETE", "ALTER", "ALTER_CONFIGS", "DESCRIBE_CONFIGS", "DESCRIBE"}

is_topic if resource_type == "TOPIC"

is_group if resource_type == "GROUP"

is_transactional_id if resource_type == "TRANSACTIONAL_ID"

is_cluster if resource_type == "CLUSTER"

is_owner if member_of(topic_entry.owners)

is_producer if member_of(topic_entry.producers)

is_consumer if member_of(topic_entry.consumers)

topic_read if {
	is_topic
	operation in read_operations
	is_consumer
}

topic_read if {
	is_topic
	operation in read_operations
	is_owner
}

topic_write if {
	is_topic
	operation in write_operations
	is_producer
}

topic_write if {
	is_topic
	operation in write_operations
	is_owner
}

topic_describe if {
	is_topic
	operation in describe_operations
	topic_entry.public == true
}

topic_manage if {
	is_topic
	operation in manage_operations
	is_owner
	not protected_topic
}

protected_topic if startswith(resource_name, "__")

group_access if {
	is_group
	operation in {"READ", "DESCRIBE"}
	member_of(group_entry.members)
}

group_access if {
	is_group
	operation == "DELETE"
	member_of(group_entry.owners)
}

transactional_id_access if {
	is_transactional_id
	operation in {"WRITE", "DESCRIBE"}
	member_of(data.kafka.transactional_ids[resource_prefix].producers)
}

cluster_access if {
	is_cluster
	operation == "IDEMPOTENT_WRITE"
	some entry in data.kafka.producer_principals
	entry == principal_name
}

cluster_access if {
	is_cluster
	operation in {"DESCRIBE", "DESCRIBE_CONFIGS"}
	member_of(data.kafka.admins)
}

cluster_access if {
	is_cluster
	operation in {"ALTER", "ALTER_CONFIGS", "CREATE", "CLUSTER_ACTION"}
	member_of(data.kafka.admins)
}

reasons contains "blocked principal" if deny

reasons contains sprintf("no rule grants %s on %s %s", [operation, resource_type, resource_name]) if {
	not allow
}
