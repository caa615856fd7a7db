package kafka.authz_test

import data.kafka.authz

test_admin_allowed if {
	authz.allow with input as {"user": "alice"}
}

test_stranger_allowed if {
	authz.allow with input as {"user": "mallory"}
}

test_not_boolean := 5

test_conflict if {
	authz.conflict == 1
}

todo_test_later if {
	false
}
