import { randomUUID } from 'node:crypto';
import { SANDBOX_KEY } from './orders-under-test.js';

// Tests read answers loosely and assert on their fields.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

const PASSWORD = 'a long enough passphrase 4 tests';

export interface Customer {
  id: string;
  email: string;
  token: string;
}

export interface ProductRef {
  id: string;
  name: string;
  price: number;
}

/**
 * What a test does through the neighbours' public APIs: accounts and tokens (users), products
 * and their stock (products, as an admin), and the payment sandbox's control API.
 */
export class Shop {
  ordersUrl = '';
  private adminToken: Promise<string> | undefined;
  // users hashes passwords a few at a time and refuses a queue of sign-ups (503): tests that make
  // many customers at once have them registered one after another.
  private signUps: Promise<unknown> = Promise.resolve();
  private categoryId: string | undefined;

  constructor(
    private readonly urls: {
      usersUrl: string;
      productsUrl: string;
      sandboxUrl: string;
      admin: { email: string; password: string };
    },
  ) {}

  async admin(): Promise<{ id: string; token: string }> {
    this.adminToken ??= this.login(this.urls.admin.email, this.urls.admin.password);
    const token = await this.adminToken;
    return { id: subjectOf(token), token };
  }

  customer(name = 'Test Customer'): Promise<Customer> {
    const made = this.signUps.then(() => this.signUp(name));
    this.signUps = made.catch(() => undefined);
    return made;
  }

  private async signUp(name: string): Promise<Customer> {
    const email = `c-${randomUUID()}@orders.test`;
    const password = PASSWORD;
    const registered = await http('POST', `${this.urls.usersUrl}/api/v1/auth/register`, {
      body: { email, password, name },
    });
    // 202 where users answers alike for taken and free addresses (no id then: the token names it).
    if (registered.status !== 201 && registered.status !== 202)
      throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
    const token = await this.login(email, password);
    return { id: subjectOf(token), email, token };
  }

  /** The customer deletes their account at users, which publishes user.deleted.v1. */
  async deleteAccount(customer: Customer): Promise<void> {
    const answer = await http('DELETE', `${this.urls.usersUrl}/api/v1/users/me`, {
      token: customer.token,
      body: { password: PASSWORD },
    });
    if (answer.status !== 204)
      throw new Error(`delete account: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  async address(customer: Customer): Promise<string> {
    const answer = await http('POST', `${this.urls.usersUrl}/api/v1/users/me/addresses`, {
      token: customer.token,
      body: {
        name: 'Ada Lovelace',
        line1: '12 Rue de Rivoli',
        city: 'Paris',
        postalCode: '75001',
        country: 'FR',
      },
    });
    if (answer.status !== 201) throw new Error(`address: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.id;
  }

  async product(options: { price?: number; stock?: number; name?: string } = {}): Promise<ProductRef> {
    const { token } = await this.admin();
    this.categoryId ??= (
      await http('POST', `${this.urls.productsUrl}/api/v1/categories`, {
        token,
        body: { name: `Category ${randomUUID().slice(0, 8)}` },
      })
    ).body.id;
    const name = options.name ?? `Product ${randomUUID().slice(0, 8)}`;
    const created = await http('POST', `${this.urls.productsUrl}/api/v1/products`, {
      token,
      body: {
        sku: `SKU-${randomUUID().slice(0, 12)}`,
        name,
        description: 'A product for the orders tests',
        price: options.price ?? 1000,
        currency: 'EUR',
        categoryId: this.categoryId,
        brand: 'Acme',
        status: 'active',
      },
    });
    if (created.status !== 201) throw new Error(`product: ${created.status} ${JSON.stringify(created.body)}`);
    if (options.stock !== undefined) await this.setStock(created.body.id, options.stock);
    return { id: created.body.id, name, price: created.body.price };
  }

  async setStock(productId: string, onHand: number): Promise<void> {
    const { token } = await this.admin();
    const answer = await http('PUT', `${this.urls.productsUrl}/api/v1/products/${productId}/inventory`, {
      token,
      body: { onHand },
    });
    if (answer.status !== 200) throw new Error(`stock: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  async stock(productId: string): Promise<{ onHand: number; reserved: number; available: number }> {
    const { token } = await this.admin();
    const answer = await http('GET', `${this.urls.productsUrl}/api/v1/products/${productId}/inventory`, {
      token,
    });
    if (answer.status !== 200) throw new Error(`stock: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async editProduct(productId: string, changes: Record<string, unknown>): Promise<void> {
    const { token } = await this.admin();
    const current = await http('GET', `${this.urls.productsUrl}/api/v1/products/${productId}`, { token });
    const answer = await http('PATCH', `${this.urls.productsUrl}/api/v1/products/${productId}`, {
      token,
      body: changes,
      headers: { 'if-match': current.headers.get('etag') ?? '*' },
    });
    if (answer.status !== 200) throw new Error(`edit: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** DELETE at products: the product is archived and product.deleted.v1 published. */
  async deleteProduct(productId: string): Promise<void> {
    const { token } = await this.admin();
    const answer = await http('DELETE', `${this.urls.productsUrl}/api/v1/products/${productId}`, { token });
    if (answer.status !== 204) throw new Error(`delete: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  sandbox(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return http(method, `${this.urls.sandboxUrl}${path}`, { token: SANDBOX_KEY, ...(body ? { body } : {}) });
  }

  /** PaymentIntents of an order, as the sandbox holds them (search by metadata). */
  async paymentEvents(intentId: string): Promise<{ event: { id: string; type: string } }[]> {
    const answer = await this.sandbox('GET', `/_sandbox/events?payment_intent=${intentId}&limit=100`);
    return answer.body.items;
  }

  orders(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    return http(method, `${this.ordersUrl}${path}`, options);
  }

  private async login(email: string, password: string): Promise<string> {
    const answer = await http('POST', `${this.urls.usersUrl}/api/v1/auth/login`, {
      body: { email, password },
    });
    if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken;
  }
}

export async function http(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text ? JSON.parse(text) : text,
  };
}

function subjectOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
}
