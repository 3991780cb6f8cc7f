/** Records of the API contract's request and response bodies. */
package io.tokenworkbench.model;
