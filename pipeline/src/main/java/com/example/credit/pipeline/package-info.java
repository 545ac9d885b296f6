/**
 * The main job: the six stages (generate, prepare, train, serve, batch, report) run by one driver on a target — this
 * machine on embedded defaults (training and serving in-process or from their images), or AWS.
 */
package com.example.credit.pipeline;
