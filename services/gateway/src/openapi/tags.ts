/**
 * What each tag of the public document groups, for the tags a service uses without declaring
 * them. A tag a service declares in its own document (with its description) wins.
 */
export const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  auth: 'Registration, sign-in, tokens, e-mail verification and password resets (users)',
  profile: "The signed-in user's account: profile, avatar, sessions, deletion (users)",
  addresses: "The signed-in user's address book (users)",
  favorites: "The signed-in user's favourite products (users)",
  recommendations: 'Products picked for the signed-in user (users)',
  users: 'User accounts as support and admins see them (users)',
  products: 'The catalogue: product pages and their administration (products)',
  categories: 'The category tree (products)',
  search: 'Full-text search, filters and suggestions over the catalogue (products)',
  inventory: 'Stock levels of a product (products, admin)',
  reviews: 'Reviews and ratings of products (products)',
  cart: "The shopper's cart (orders)",
  orders: 'Checkout, orders, their tracking and their cancellation (orders)',
  payments: 'Payment confirmation and the payment provider’s webhook (orders)',
  admin: 'Operations for admins across the shop: dead-lettered events and their replay (gateway)',
};
