package dev.haremote.ddns.suite;

import dev.haremote.common.suitetest.ServiceTokenContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** POST /api/v1/check behind the suite's bearer-token filter (tests in the contract class). */
@QuarkusTest
@TestProfile(ServiceTokenContract.WithToken.class)
class ServiceTokenTest extends ServiceTokenContract {}
