/** The project's container images as the container tests use them: loaded into the engine from Jib's tars. */
package com.example.credit.testsupport.container;
