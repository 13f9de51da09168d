/**
 * CreditDesk: a B2B credit management service. Each sub-package is one business
 * capability (customer profiles, credit policies, audit, ...) holding its documents,
 * store, service and GraphQL controller; {@code common}, {@code graphql},
 * {@code security} and {@code infrastructure} are the shared kernel and the wiring,
 * {@code embedded} the embedded servers. Every sub-package is a Spring Modulith module
 * (see {@code ModularityTests}).
 */
package io.creditdesk;
