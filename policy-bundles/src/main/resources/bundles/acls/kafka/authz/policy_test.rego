package kafka.authz_test

import data.kafka.authz

acl(host, operation, permission) := {"host": host, "operation": operation, "permission": permission}

acls := {
	"allow_everyone_if_no_acl_found": false,
	"super_users": ["User:root"],
	"literal": {
		"TOPIC": {
			"orders": {"User:alice": [acl("*", "WRITE", "ALLOW")]},
			"*": {"User:auditor": [acl("*", "DESCRIBE_CONFIGS", "ALLOW")]},
			"public": {"User:*": [acl("*", "READ", "ALLOW")]},
			"orders.secret": {"User:bob": [acl("*", "READ", "DENY")]},
		},
		"GROUP": {"billing": {"User:bob": [acl("10.0.0.1", "READ", "ALLOW")]}},
	},
	"prefixed": {"TOPIC": {
		"orders.": {"User:bob": [acl("*", "READ", "ALLOW"), acl("*", "ALTER_CONFIGS", "ALLOW")]},
		"orders.internal.": {"User:*": [acl("*", "ALL", "DENY")]},
	}},
	"by_principal": {
		"TOPIC": {
			"User:alice": [{"name": "orders", "pattern": "LITERAL", "host": "*", "operation": "WRITE", "permission": "ALLOW"}],
			"User:bob": [
				{"name": "orders.", "pattern": "PREFIXED", "host": "*", "operation": "READ", "permission": "ALLOW"},
				{"name": "orders.secret", "pattern": "LITERAL", "host": "*", "operation": "READ", "permission": "DENY"},
			],
			"User:carol": [
				{"name": "orders.eu", "pattern": "LITERAL", "host": "*", "operation": "WRITE", "permission": "ALLOW"},
				{"name": "orders.", "pattern": "PREFIXED", "host": "*", "operation": "WRITE", "permission": "DENY"},
			],
			"User:dave": [
				{"name": "x", "pattern": "LITERAL", "host": "*", "operation": "READ", "permission": "ALLOW"},
				{"name": "*", "pattern": "LITERAL", "host": "*", "operation": "ALL", "permission": "DENY"},
			],
			"User:*": [{"name": "public", "pattern": "LITERAL", "host": "*", "operation": "READ", "permission": "ALLOW"}],
		},
		"GROUP": {"User:bob": [{"name": "billing", "pattern": "LITERAL", "host": "10.0.0.1", "operation": "READ", "permission": "ALLOW"}]},
	},
}

request(user, operation, type, name, address) := {
	"principal": {"type": "User", "name": user, "groups": [], "roles": []},
	"operation": operation,
	"resource": {"type": type, "name": name, "patternType": "LITERAL"},
	"client": {"address": address},
}

allowed(user, operation, type, name) if allowed_from(user, operation, type, name, "10.0.0.9")

allowed_from(user, operation, type, name, address) if {
	authz.allow with input as request(user, operation, type, name, address) with data.kafka.acls as acls
}

allowed_by_type(user, operation, type) if {
	r := object.union(request(user, operation, type, "", "10.0.0.9"), {"resource": {"patternType": "ANY"}})
	authz.allow_by_resource_type with input as r with data.kafka.acls as acls
}

test_literal_allow_matches_only_its_name if {
	allowed("alice", "WRITE", "TOPIC", "orders")
	not allowed("alice", "WRITE", "TOPIC", "orders2")
	not allowed("alice", "READ", "TOPIC", "orders")
}

test_prefixed_allow_matches_names_under_the_prefix if {
	allowed("bob", "READ", "TOPIC", "orders.eu")
	allowed("bob", "READ", "TOPIC", "orders.")
	not allowed("bob", "READ", "TOPIC", "orders")
}

test_deny_wins_over_allow if {
	not allowed("bob", "READ", "TOPIC", "orders.secret")
	not allowed("bob", "READ", "TOPIC", "orders.internal.x")
}

test_deny_all_denies_every_operation if {
	not allowed("alice", "WRITE", "TOPIC", "orders.internal.x")
	not allowed("bob", "DESCRIBE", "TOPIC", "orders.internal.x")
}

test_wildcard_resource_applies_to_every_name if {
	allowed("auditor", "DESCRIBE_CONFIGS", "TOPIC", "anything")
	allowed("auditor", "DESCRIBE_CONFIGS", "TOPIC", "orders")
	not allowed("auditor", "DESCRIBE_CONFIGS", "GROUP", "anything")
}

test_wildcard_principal_applies_to_everyone if {
	allowed("anyone", "READ", "TOPIC", "public")
	allowed("anyone", "DESCRIBE", "TOPIC", "public")
	not allowed("anyone", "WRITE", "TOPIC", "public")
}

test_allow_implies_describe if {
	allowed("alice", "DESCRIBE", "TOPIC", "orders")
	allowed("bob", "DESCRIBE", "TOPIC", "orders.eu")
	allowed("bob", "DESCRIBE_CONFIGS", "TOPIC", "orders.eu")
	not allowed("bob", "ALTER", "TOPIC", "orders.eu")
}

test_deny_does_not_imply_describe if {
	allowed("bob", "DESCRIBE", "TOPIC", "orders.secret")
}

test_host_must_match if {
	allowed_from("bob", "READ", "GROUP", "billing", "10.0.0.1")
	not allowed_from("bob", "READ", "GROUP", "billing", "10.0.0.2")
}

test_no_acl_on_the_resource_follows_allow_everyone_if_no_acl_found if {
	not allowed("alice", "READ", "CLUSTER", "kafka-cluster")
	authz.allow with input as request("alice", "READ", "CLUSTER", "kafka-cluster", "10.0.0.9")
		with data.kafka.acls as object.union(acls, {"allow_everyone_if_no_acl_found": true})
}

test_acls_on_the_resource_for_others_deny_even_when_everyone_is_allowed if {
	not authz.allow with input as request("mallory", "WRITE", "TOPIC", "orders", "10.0.0.9")
		with data.kafka.acls as object.union(acls, {"allow_everyone_if_no_acl_found": true})
}

test_super_users_are_allowed_everything if {
	allowed("root", "ALTER", "CLUSTER", "kafka-cluster")
	allowed_by_type("root", "WRITE", "TRANSACTIONAL_ID")
}

test_only_literal_requests_are_decided if {
	r := object.union(request("alice", "WRITE", "TOPIC", "orders", "10.0.0.9"), {"resource": {"patternType": "PREFIXED"}})
	not authz.allow with input as r with data.kafka.acls as acls
}

test_by_resource_type_allows_an_unshadowed_allow if {
	allowed_by_type("alice", "WRITE", "TOPIC")
	allowed_by_type("bob", "READ", "TOPIC")
}

test_by_resource_type_host_and_operation_must_match_exactly if {
	not allowed_by_type("bob", "READ", "GROUP")
	not allowed_by_type("alice", "DESCRIBE", "TOPIC")
}

test_by_resource_type_prefix_deny_shadows_allows_under_it if {
	not allowed_by_type("carol", "WRITE", "TOPIC")
}

test_by_resource_type_wildcard_deny_denies if {
	not allowed_by_type("dave", "READ", "TOPIC")
}

test_by_resource_type_wildcard_principal if {
	allowed_by_type("anyone", "READ", "TOPIC")
	not allowed_by_type("anyone", "WRITE", "TOPIC")
}
