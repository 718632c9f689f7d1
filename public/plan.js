// The card fields of the payment plan pages. They are the gateway's own (Stripe.js Elements): the browser saves the card
// with the gateway through a SetupIntent, and only the SetupIntent's id is posted to Clearbill, never the card.
(function () {
  "use strict";
  var form = document.getElementById("plan-form");
  var message = document.getElementById("card-message");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.getAttribute("data-publishable-key"));
  var card = stripe.elements().create("card");
  card.mount("#card");
  // Removed rather than hidden: the stylesheet's `.hint { display: block }` would win over the hidden attribute.
  document.getElementById("card-fallback").remove();
  form.addEventListener("submit", function (event) {
    var field = form.elements.setupIntent;
    if (field.value) { return; }  // the card is saved: let the form go
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    message.textContent = "Saving your card with the card company…";
    stripe.confirmCardSetup(form.getAttribute("data-client-secret"), { payment_method: { card: card } }).then(function (result) {
      if (result.error) {
        message.textContent = (result.error && result.error.message) || "Please check the card details.";
        button.disabled = false;
        return;
      }
      field.value = result.setupIntent.id;
      form.submit();
    });
  });
})();
