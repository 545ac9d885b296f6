/** Configuration of the service: its one properties record and the beans built from the model directory. */
package com.example.credit.explainer.config;
