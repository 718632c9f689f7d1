-- wrk: a signed-in patient pays $1.00 with a card the gateway already tokenised, as the pay page's form posts it after
-- Stripe.js. Each request carries its own attempt token (the idempotency key), so each is a new payment.
-- Environment: CLEARBILL_SESSION, CLEARBILL_CSRF, CLEARBILL_CARD.
local session, csrf, card = os.getenv("CLEARBILL_SESSION"), os.getenv("CLEARBILL_CSRF"), os.getenv("CLEARBILL_CARD")
local threads, counter = 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function request()
  counter = counter + 1
  local body = "csrf=" .. csrf .. "&choice=other&other=1.00&paymentMethod=" .. card ..
               "&attempt=bench-" .. tostring(id) .. "-" .. counter .. "-" .. os.time()
  return wrk.format("POST", "/account/pay", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "cb_session=" .. session,
  }, body)
end
