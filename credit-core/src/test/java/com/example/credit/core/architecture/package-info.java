/** ARCHITECTURE.md's rules for credit-core, checked on its classes. */
package com.example.credit.core.architecture;
