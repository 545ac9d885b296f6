/**
 * Loading and checking the model directory (model.txt, model.json, schemas, reference populations) once at start.
 */
package com.example.credit.explainer.model;
