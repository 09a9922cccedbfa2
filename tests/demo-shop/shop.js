// Northwind Outfitters demo shop: keeps every form on the page (no navigation, no network).
document.addEventListener('DOMContentLoaded', () => {
  const checkout = document.getElementById('checkout-form');
  checkout?.addEventListener('submit', (event) => {
    event.preventDefault();
    const done = document.getElementById('order-confirmation');
    const name = checkout.elements.namedItem('name').value.trim().split(/\s+/)[0];
    done.textContent = `Thank you${name ? ', ' + name : ''}! Your order NW-2025-48213 is confirmed. We've emailed your receipt.`;
    done.hidden = false;
    done.scrollIntoView({ block: 'center' });
  });

  document.querySelector('[data-store-search]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const banner = document.querySelector('.error-banner');
    banner?.setAttribute('hidden', '');
    setTimeout(() => banner?.removeAttribute('hidden'), 400);
  });

  document.querySelector('[data-chat]')?.addEventListener('click', () => {
    const status = document.getElementById('chat-status');
    if (status) status.textContent = 'Connecting you to an adviser… You are number 3 in the queue.';
  });
});
