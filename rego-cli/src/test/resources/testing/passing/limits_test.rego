package quota_test

import data.quota

test_small_fits if quota.within(1024)

test_large_rejected if not quota.within(2097152)
