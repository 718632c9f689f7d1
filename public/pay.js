// The card form on /account/pay. The card fields are the gateway's own (Stripe.js Elements): the card number goes
// from this page straight to the gateway, which hands back a card id; only that id is posted to Clearbill.
(function () {
  "use strict";
  var form = document.getElementById("pay-form");
  var message = document.getElementById("card-message");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.getAttribute("data-publishable-key"));
  var card = stripe.elements().create("card");
  card.mount("#card");
  // Removed rather than hidden: the stylesheet's `.hint { display: block }` would win over the hidden attribute.
  document.getElementById("card-fallback").remove();
  form.addEventListener("submit", function (event) {
    var field = form.elements.paymentMethod;
    if (field.value) { return; }  // already tokenised: let the form go
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    message.textContent = "Checking your card…";
    stripe.createToken(card).then(function (result) {
      if (result.error) {
        message.textContent = result.error.message || "Please check the card details.";
        button.disabled = false;
        return;
      }
      field.value = result.token.card ? result.token.card.id : result.token.id;
      form.submit();
    });
  });
})();
