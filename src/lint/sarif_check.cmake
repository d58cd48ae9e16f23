# CTest helper: lint the fixtures to SARIF and validate the file against the
# SARIF 2.1.0 schema with the conformance validator (node). Fails when node,
# the validator or the schema is missing: CI installs them.
execute_process(COMMAND ${MLSPEC} lint ${SOURCE_DIR}/tests/lint --format sarif --output ${OUT}
                        --format text --output ${OUT}.txt
                RESULT_VARIABLE lint_rc)
if(NOT lint_rc EQUAL 0 AND NOT lint_rc EQUAL 1)
  message(FATAL_ERROR "mlspec lint exited ${lint_rc}")
endif()
execute_process(COMMAND ${NODE} ${SOURCE_DIR}/tests/conformance/validate-json-schema.mjs
                        --schema ${SOURCE_DIR}/../shared/schemas/sarif-schema-2.1.0.json
                        ${OUT}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "SARIF output does not validate against the SARIF 2.1.0 schema (rc ${rc})")
endif()
