# shellcheck shell=bash
# The four cross-border modes between Jiangmen (CN-GD-JM) and Macao (MO), with curl and jq against the public APIs.
# scripts/demo.sh writes this file, after the lines setting JM and MO, to .demo/walk-through.sh. Every step stops
# the script with a message when a request fails; after each mode it waits (up to 60 s) until both nodes show the
# mode's final state, and fails if they do not.
set -euo pipefail
RUN=$(date +%s)-$$ # makes the idempotency keys of this run unique

# call CURL-ARGS…: the answer's body; an HTTP status >= 400 stops the walk-through, showing the problem.
# (The message names the URL only, never the headers: they hold the session token.)
call() {
  local out code url arg
  for arg in "$@"; do [[ $arg != http* ]] || url=$arg; done
  out=$(curl -s -w '\n%{http_code}' "$@") || { echo "walk-through: no answer from $url" >&2; return 1; }
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if ((code >= 400)); then
    echo "walk-through: HTTP $code from $url" >&2
    echo "  $out" >&2
    return 1
  fi
  printf '%s\n' "$out"
}
tok() { call -X POST "$1/api/v1/sessions" -d "{\"login\":\"$2\",\"password\":\"$3\"}" | jq -r .token; }
get() { call "$1" -H "Authorization: Bearer $2"; }
me() { get "$1/api/v1/accounts/me" "$2" | jq -r .id; }
state() { get "$1/api/v1/cases/$2" "$3" | jq -r .state; }
# act NODE CASE TOKEN ACTION [NOTE]: one action, with the case's current version as If-Match.
act() {
  local version
  version=$(get "$1/api/v1/cases/$2" "$3" | jq -r .version)
  call -X POST "$1/api/v1/cases/$2/actions" -H "Authorization: Bearer $3" -H "If-Match: \"$version\"" \
    -d "$(jq -nc --arg a "$4" --arg n "${5:-}" '{action: $a} + (if $n == "" then {} else {note: $n} end)')" |
    jq -r '"  \(.id): \(.state)"'
}
# upload NODE TOKEN TEXT: a scanned document (a small PDF), answering its SHA-256.
upload() { printf '%%PDF-1.4 %s' "$3" | call -X POST "$1/api/v1/blobs" -H "Authorization: Bearer $2" --data-binary @- | jq -r .sha256; }
# apply_for NODE TOKEN KEY APPLICATION-JSON: a new case, answering its id.
apply_for() {
  call -X POST "$1/api/v1/cases" -H "Authorization: Bearer $2" -H "Idempotency-Key: $3-$RUN" -d "$4" | jq -r .id
}
# await WHAT COMMAND…: until the command succeeds (60 s at most), else the walk-through fails naming WHAT.
await() {
  local what=$1
  shift
  for _ in $(seq 1 300); do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "walk-through: FAILED: $what (waited 60 s)" >&2
  exit 1
}
in_state() { [[ $(state "$1" "$2" "$3") == "$4" ]]; }
# found NODE CASE TOKEN PATTERN: the first text matching the extended regex PATTERN in the case's history.
found() { get "$1/api/v1/cases/$2/events" "$3" | jq -r '.events[].note' | grep -oE "$4" | head -1 | grep .; }
check() { echo "CHECK $1: $2"; }

K=$(tok "$JM" clerk@demo.tongban demo-Clerk-2026)            # Jiangmen clerk at JM-WIN-CITY (hosts ZONE-MO-IN-JM)
A=$(tok "$JM" applicant@demo.tongban demo-Applicant-2026)    # the applicant, registered in Jiangmen (CN_RIC)
H=$(tok "$JM" reviewer.hrss@demo.tongban demo-Reviewer-2026) # Jiangmen reviewer of JM-HRSS
R=$(tok "$MO" reviewer.dsal@demo.tongban demo-Reviewer-2026) # Macao reviewer of MO-DSAL
F=$(tok "$MO" reviewer.fss@demo.tongban demo-Reviewer-2026)  # Macao reviewer of MO-FSS
AP=$(me "$JM" "$A")
MO_FORM='{"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},"phone":"+85366123456","consent_transfer":true}'

echo "== 1. Remote intake (异地代收代办): a Macao item (MO-DSAL-002) taken in at the Jiangmen window, decided by Macao"
# The clerk scans the Macao BIR and the signed form, opens the case for the applicant (who consents to the
# transfer), checks the intake and forwards it: a signed case.forward goes to Macao over mutual TLS.
BIR=$(upload "$JM" "$K" "scanned Macao BIR")
FORM=$(upload "$JM" "$K" "signed application form")
C1=$(apply_for "$JM" "$K" intake "$(jq -nc --arg ap "$AP" --arg bir "$BIR" --arg form "$FORM" --argjson f "$MO_FORM" \
  '{item_code: "MO-DSAL-002", mode: "remote_intake", applicant_id: $ap, consent_to_transfer: true,
    delivery_method: "window_pickup", form: $f,
    materials: [{material_id: "mo_bir", blob: $bir}, {material_id: "application_form", blob: $form}]}')")
echo "  Jiangmen case $C1"
act "$JM" "$C1" "$K" check_intake "BIR original seen, scans match"
act "$JM" "$C1" "$K" forward
# Macao keeps its own copy under MO-DSAL; Jiangmen's history says "received by MO as MO-…".
await "Macao received $C1" found "$JM" "$C1" "$K" 'received by MO as MO-[0-9-]+'
M1=$(found "$JM" "$C1" "$K" 'received by MO as MO-[0-9-]+' | sed 's/.* as //')
echo "  Macao case $M1"
# The Macao reviewer decides; every status travels back to Jiangmen as a signed case.status.
act "$MO" "$M1" "$R" accept
act "$MO" "$M1" "$R" start_review
act "$MO" "$M1" "$R" approve "registered"
act "$MO" "$M1" "$R" issue_result "DSAL registration card, for pickup at the Jiangmen window"
await "Jiangmen's $C1 shows result_issued" in_state "$JM" "$C1" "$K" result_issued
# The applicant picks the result up at the Jiangmen window: recorded there, sent to Macao (delivery.update).
version=$(get "$JM/api/v1/cases/$C1" "$K" | jq -r .version)
call -X POST "$JM/api/v1/cases/$C1/actions" -H "Authorization: Bearer $K" -H "If-Match: \"$version\"" \
  -d '{"action":"deliver","delivery_method":"window_pickup","note":"picked up at the window"}' | jq -r '"  \(.id): \(.state)"'
await "Macao's $M1 shows delivered" in_state "$MO" "$M1" "$R" delivered
check "remote intake" "Jiangmen $C1 $(state "$JM" "$C1" "$K"), Macao $M1 $(state "$MO" "$M1" "$R")"

echo "== 2. Online across borders (跨境网办): the Jiangmen applicant applies online for the Macao item"
# Jiangmen vouches for the applicant with a signed identity.assertion (data category identity); Macao serves them
# under a shadow applicant record, without a second registration.
BIR=$(upload "$JM" "$A" "my Macao BIR")
FORM=$(upload "$JM" "$A" "my signed application form")
C2=$(apply_for "$JM" "$A" online "$(jq -nc --arg bir "$BIR" --arg form "$FORM" --argjson f "$MO_FORM" \
  '{item_code: "MO-DSAL-002", mode: "online", consent_to_transfer: true, delivery_method: "electronic", form: $f,
    materials: [{material_id: "mo_bir", blob: $bir}, {material_id: "application_form", blob: $form}]}')")
echo "  Jiangmen case $C2 (the applicant's home copy)"
await "Macao received $C2" found "$JM" "$C2" "$A" 'received by MO as MO-[0-9-]+'
M2=$(found "$JM" "$C2" "$A" 'received by MO as MO-[0-9-]+' | sed 's/.* as //')
echo "  Macao case $M2: $(get "$MO/api/v1/cases/$M2/events" "$R" | jq -r '[.events[].note | select(test("identity vouched"))][0]')"
act "$MO" "$M2" "$R" accept
act "$MO" "$M2" "$R" start_review
act "$MO" "$M2" "$R" approve "registered online"
act "$MO" "$M2" "$R" issue_result "DSAL registration card MO-DSAL-$RUN, sent electronically"
await "Jiangmen's $C2 shows result_issued" in_state "$JM" "$C2" "$A" result_issued
check "online across borders" "Jiangmen $C2 $(state "$JM" "$C2" "$A"), Macao $M2 $(state "$MO" "$M2" "$R")"

echo "== 3. Delegated (异地授权、本地办理): Macao DSAL lets Jiangmen HRSS decide the item; Macao records the outcome"
BIR=$(upload "$JM" "$A" "my Macao BIR (delegated)")
FORM=$(upload "$JM" "$A" "my signed application form (delegated)")
C3=$(apply_for "$JM" "$A" delegated "$(jq -nc --arg bir "$BIR" --arg form "$FORM" --argjson f "$MO_FORM" \
  '{item_code: "MO-DSAL-002", mode: "delegated", consent_to_transfer: true, delivery_method: "electronic", form: $f,
    materials: [{material_id: "mo_bir", blob: $bir}, {material_id: "application_form", blob: $form}]}')")
echo "  Jiangmen case $C3 under $(get "$JM/api/v1/cases/$C3" "$H" | jq -r .authority) (the delegate authority)"
act "$JM" "$C3" "$H" accept
act "$JM" "$C3" "$H" start_review
act "$JM" "$C3" "$H" approve "decided at Jiangmen under the DSAL delegation"
act "$JM" "$C3" "$H" issue_result "registration card issued by Jiangmen HRSS for DSAL"
# Each decision step went to Macao as a signed case.result; Macao's record is under MO-DSAL, read only.
delegated_record() {
  get "$MO/api/v1/cases?item_code=MO-DSAL-002&limit=200" "$R" |
    jq -r --arg a "xb:CN-GD-JM:$C3" '.cases[] | select(.applicant_id == $a and .mode == "delegated") | .id' | grep .
}
await "Macao recorded $C3" delegated_record
M3=$(delegated_record)
await "Macao's record $M3 shows result_issued" in_state "$MO" "$M3" "$R" result_issued
check "delegated" "Jiangmen $C3 $(state "$JM" "$C3" "$H"), Macao record $M3 $(state "$MO" "$M3" "$R")"

echo "== 4. Joint handling (多地联办): a pension transfer, one application at Jiangmen, a sub-case at Macao"
# JM-HRSS-004 (Jiangmen) and MO-FSS-006 (Macao) are one joint group of the directory. The application holds the
# Macao item's part: its answers as "MO-FSS-006.<field>", its materials as "MO-FSS-006.<material>".
materials='[]'
for id in id_card application_form pension_contrib_cert \
  MO-FSS-006.mo_bir MO-FSS-006.mo_salary_proof MO-FSS-006.mo_ss_card MO-FSS-006.mo_bank_proof; do
  materials=$(jq -c --arg id "$id" --arg blob "$(upload "$JM" "$A" "scan of $id")" '. + [{material_id: $id, blob: $blob}]' <<< "$materials")
done
C4=$(apply_for "$JM" "$A" joint "$(jq -nc --argjson m "$materials" \
  '{item_code: "JM-HRSS-004", mode: "joint", consent_to_transfer: true, materials: $m,
    form: {applicant_name: "陈大文", id_number: {type: "CN_RIC", number: "11010519491231002X"}, phone: "13800138000",
           from_region: "澳门", to_region: "江门", consent_transfer: true,
           "MO-FSS-006.postal_address": "澳门新马路 100 号 3 楼"}}')")
echo "  Jiangmen parent case $C4"
await "Macao opened the sub-case of $C4" found "$JM" "$C4" "$H" 'subcase MO MO-[0-9-]+'
M4=$(found "$JM" "$C4" "$H" 'subcase MO MO-[0-9-]+' | sed 's/subcase MO //')
echo "  Macao sub-case $M4 (MO-FSS-006, $(get "$MO/api/v1/cases/$M4" "$F" | jq -r '.materials | length') materials)"
act "$MO" "$M4" "$F" accept
act "$MO" "$M4" "$F" start_review
act "$MO" "$M4" "$F" approve "Macao contributions confirmed"
await "Jiangmen's $C4 records the sub-case approved" found "$JM" "$C4" "$H" 'done: approved'
act "$JM" "$C4" "$H" accept
act "$JM" "$C4" "$H" start_review
act "$JM" "$C4" "$H" approve "pension transfer accepted"
act "$JM" "$C4" "$H" issue_result "pension insurance transferred from Macao to Jiangmen"
check "joint" "Jiangmen parent $C4 $(state "$JM" "$C4" "$H"), Macao sub-case $M4 $(state "$MO" "$M4" "$F")"
[[ $(state "$JM" "$C4" "$H") == result_issued && $(state "$MO" "$M4" "$F") == approved ]] ||
  { echo "walk-through: FAILED: joint final states" >&2; exit 1; }

echo "== 5. The last mile: an e-certificate issued in Macao verified in Jiangmen, and the result posted across the border"
# The registration Macao issued in mode 2 is an e-certificate signed with Macao's federation key. Jiangmen verifies
# it with what it holds (the directory's keys, Macao's last signed status list): no call to Macao.
TOKEN=$(get "$MO/api/v1/cases/$M2/certificate" "$R" | jq -r .token)
VERDICT=$(call -X POST "$JM/api/v1/certificates/verify" -d "$(jq -nc --arg t "$TOKEN" '{token: $t}')")
echo "  Jiangmen says: $(jq -r '"\(.outcome), issuer \(.issuer.node) (\(.issuer.jurisdiction)), status \(.status_word)"' <<< "$VERDICT")"
[[ $(jq -r .outcome <<< "$VERDICT") == VALID ]] || { echo "walk-through: FAILED: Jiangmen does not find the Macao certificate valid" >&2; exit 1; }
check "e-certificate" "issued in Macao for $M2, verified in Jiangmen: $(jq -r .outcome <<< "$VERDICT")"
# A new remote-intake case; Macao decides and posts the result to the Jiangmen window. The carrier simulator moves
# the item (a customs hold at the border, a failed attempt, then delivery with proof) and reports each step to
# Macao with a signed webhook; each event reaches Jiangmen as a signed shipment.update.
BIR=$(upload "$JM" "$K" "scanned Macao BIR (post)")
FORM=$(upload "$JM" "$K" "signed application form (post)")
C5=$(apply_for "$JM" "$K" post "$(jq -nc --arg ap "$AP" --arg bir "$BIR" --arg form "$FORM" --argjson f "$MO_FORM" \
  '{item_code: "MO-DSAL-002", mode: "remote_intake", applicant_id: $ap, consent_to_transfer: true,
    delivery_method: "window_pickup", form: $f,
    materials: [{material_id: "mo_bir", blob: $bir}, {material_id: "application_form", blob: $form}]}')")
act "$JM" "$C5" "$K" check_intake "BIR original seen"
act "$JM" "$C5" "$K" forward
await "Macao received $C5" found "$JM" "$C5" "$K" 'received by MO as MO-[0-9-]+'
M5=$(found "$JM" "$C5" "$K" 'received by MO as MO-[0-9-]+' | sed 's/.* as //')
act "$MO" "$M5" "$R" accept
act "$MO" "$M5" "$R" approve "registered"
act "$MO" "$M5" "$R" issue_result "DSAL registration card, posted to the Jiangmen window"
await "Jiangmen's $C5 shows result_issued" in_state "$JM" "$C5" "$K" result_issued
ITEM=$(call -X POST "$MO/api/v1/cases/$M5/shipments" -H "Authorization: Bearer $R" \
  -d '{"kind":"result","carrier":"sim-post","recipient":"intake_point"}' | jq -r .item_id)
echo "  Macao posts the result of $M5 as item $ITEM to the Jiangmen window"
"$TONGBAN" carrier-simulator --node "$MO" --carrier sim-post --secret-file "$MO_CARRIER_SECRET" --item "$ITEM" \
  --route eventful --interval-ms 300 | sed 's/^/  /'
await "Jiangmen's $C5 shows delivered" in_state "$JM" "$C5" "$K" delivered
TRACK=$(get "$JM/api/v1/cases/$C5/shipments" "$K" | jq -c '.shipments[0]')
echo "  Jiangmen sees item $(jq -r .item_id <<< "$TRACK"): $(jq -r .status <<< "$TRACK"), $(jq -r '.events | length' <<< "$TRACK") events, served on $(jq -r .served_on <<< "$TRACK"), reported by $(jq -r .reported_by_node <<< "$TRACK")"
[[ $(jq -r .status <<< "$TRACK") == delivered ]] || { echo "walk-through: FAILED: Jiangmen does not see the delivery" >&2; exit 1; }
check "post" "item $ITEM delivered; Jiangmen $C5 $(state "$JM" "$C5" "$K"), Macao $M5 $(state "$MO" "$M5" "$R")"

echo "walk-through: all four modes and the last mile reached their final state on both nodes"
