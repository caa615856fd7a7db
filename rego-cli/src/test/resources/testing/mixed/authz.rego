package kafka.authz

default allow := false

allow if input.user in data.kafka.admins

conflict := v if {
	some v in [1, 2]
}
