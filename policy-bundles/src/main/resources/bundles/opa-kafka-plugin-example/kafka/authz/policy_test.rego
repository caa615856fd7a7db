package kafka.authz_test

import data.kafka.authz

action(operation, type, name) := {
	"operation": operation,
	"resourcePattern": {"name": name, "resourceType": type, "patternType": "LITERAL"},
}

allowed(user, operation, name) if {
	a := action(operation, "TOPIC", name)
	authz.allow with input.requestContext.principal.name as user with input.action as a
}

test_inter_broker_communication if {
	authz.allow with input.requestContext.principal.name as "ANONYMOUS"
}

test_certificate_brokers if {
	authz.allow with input.requestContext as {
		"securityProtocol": "SSL",
		"principal": {"principalType": "User", "name": "CN=localhost,OU=Brokers"},
	}
}

test_consumers if {
	allowed("alice-consumer", "READ", "alice-mytopic")
	allowed("alice-consumer", "CREATE", "alice-topic1")
	not allowed("alice-consumer", "WRITE", "alice-mytopic")
	not allowed("alice-consumer", "READ", "someone-mytopic")
}

test_producers if {
	allowed("alice-producer", "WRITE", "alice-mytopic")
	allowed("alice-producer", "CREATE", "alice-topic1")
	not allowed("alice-producer", "READ", "alice-mytopic")
	not allowed("alice-producer", "WRITE", "someone-mytopic")
	not allowed("alice-producer", "CREATE", "someone-topic1")
}

test_anyone_describes if {
	allowed("alice-producer", "DESCRIBE", "some-mytopic")
	allowed("alice-producer", "DESCRIBE", "alice-mytopic")
}

test_management_users if {
	every op in ["READ", "WRITE", "CREATE", "DELETE", "DESCRIBE", "ALTER"] {
		allowed("alice-mgmt", op, "alice-topic1")
	}
	every op in ["READ", "WRITE", "CREATE", "DELETE", "ALTER"] {
		not allowed("alice-mgmt", op, "some-topic1")
	}
}

test_certificate_users if {
	allowed("CN=alice-consumer.example.org,OU=Apps", "READ", "alice-mytopic")
	not allowed("CN=alice-consumer.example.org,OU=Apps", "READ", "bob-mytopic")
}
