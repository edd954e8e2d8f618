package dev.haremote.certwatch.suite;

import dev.haremote.common.suitetest.ServicePlumbingContract;
import io.quarkus.test.junit.QuarkusTest;

/** The suite's shared plumbing as this service serves it (tests in the contract class). */
@QuarkusTest
class ServicePlumbingTest extends ServicePlumbingContract {}
