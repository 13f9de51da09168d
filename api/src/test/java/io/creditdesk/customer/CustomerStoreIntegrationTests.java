package io.creditdesk.customer;

import io.creditdesk.CreditDeskIntegrationTest;

/** The store contract on the embedded MongoDB-wire server. */
@CreditDeskIntegrationTest
class CustomerStoreIntegrationTests extends CustomerStoreContract {

}
