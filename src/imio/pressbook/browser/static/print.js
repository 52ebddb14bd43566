// The print page of a press item opens the browser's print dialog at once.
window.addEventListener("load", function () {
  window.print();
});
