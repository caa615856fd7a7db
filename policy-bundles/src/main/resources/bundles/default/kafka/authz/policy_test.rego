package kafka.authz_test

import data.kafka.authz

request(user, groups, operation, type, name) := {
	"principal": {"type": "User", "name": user, "groups": groups, "roles": []},
	"operation": operation,
	"resource": {"type": type, "name": name, "patternType": "LITERAL"},
	"listener": "SASL_SSL",
	"securityProtocol": "SASL_SSL",
}

allowed(user, operation, type, name) if {
	r := request(user, [], operation, type, name)
	authz.allow with input as r
}

allowed_in_groups(user, groups, operation, type, name) if {
	r := request(user, groups, operation, type, name)
	authz.allow with input as r
}

allowed_by_type(user, operation, type) if {
	r := object.union(request(user, [], operation, type, ""), {"resource": {"patternType": "ANY"}})
	authz.allow_by_resource_type with input as r
}

test_producer_writes_and_describes_its_topics if {
	allowed("alice", "WRITE", "TOPIC", "orders.eu")
	allowed("alice", "DESCRIBE", "TOPIC", "orders.eu")
}

test_producer_cannot_read_or_write_elsewhere if {
	not allowed("alice", "READ", "TOPIC", "orders.eu")
	not allowed("alice", "WRITE", "TOPIC", "payments.cards")
	not allowed("alice", "WRITE", "TOPIC", "orders")
}

test_consumer_reads_with_its_group if {
	allowed("bob", "READ", "TOPIC", "orders.eu")
	allowed("bob", "READ", "GROUP", "orders-readers")
	not allowed("bob", "READ", "GROUP", "other-group")
	not allowed("bob", "WRITE", "TOPIC", "orders.eu")
}

test_owner_manages_its_topics if {
	every operation in ["CREATE", "DELETE", "ALTER", "ALTER_CONFIGS", "DESCRIBE_CONFIGS"] {
		allowed("carol", operation, "TOPIC", "orders.new")
	}
	not allowed("carol", "WRITE", "TOPIC", "orders.eu")
	not allowed("carol", "DELETE", "TOPIC", "payments.cards")
}

test_groups_from_the_principal_and_from_data if {
	allowed_in_groups("zoe", ["analytics"], "READ", "TOPIC", "orders.eu")
	allowed_in_groups("zoe", ["analytics"], "READ", "GROUP", "orders-readers")
	not allowed_in_groups("zoe", ["other"], "READ", "TOPIC", "orders.eu")
	allowed("dave", "DELETE", "TOPIC", "anything")
}

test_transactional_and_idempotent_producers if {
	allowed("alice", "WRITE", "TRANSACTIONAL_ID", "orders-tx-1")
	not allowed("alice", "WRITE", "TRANSACTIONAL_ID", "payments-tx-1")
	allowed("alice", "IDEMPOTENT_WRITE", "CLUSTER", "kafka-cluster")
	not allowed("bob", "IDEMPOTENT_WRITE", "CLUSTER", "kafka-cluster")
}

test_admins_may_do_everything if {
	allowed("admin", "ALTER", "CLUSTER", "kafka-cluster")
	allowed("admin", "DELETE", "GROUP", "any")
}

test_unknown_principals_are_denied if {
	not allowed("mallory", "DESCRIBE", "TOPIC", "orders.eu")
	not allowed("mallory", "READ", "GROUP", "orders-readers")
	not allowed("mallory", "CREATE", "CLUSTER", "kafka-cluster")
}

test_by_resource_type if {
	allowed_by_type("alice", "WRITE", "TOPIC")
	allowed_by_type("alice", "WRITE", "TRANSACTIONAL_ID")
	allowed_by_type("bob", "READ", "GROUP")
	not allowed_by_type("bob", "WRITE", "TOPIC")
	not allowed_by_type("mallory", "WRITE", "TOPIC")
}
